package proposal

import "github.com/slacalc/slacalc/contract/pricing"

// The kinds of service model in JSON, each the key of a one-key object in
// "models": {"breakFix": {...}}. The value is the model's own JSON.
var modelKinds = []struct {
	kind  string
	new   func() pricing.Plan // returns a pointer to a zero model to decode into
	deref func(pricing.Plan) pricing.Plan
}{
	{"timeAndMaterials", func() pricing.Plan { return new(pricing.TimeAndMaterials) }, func(m pricing.Plan) pricing.Plan { return *m.(*pricing.TimeAndMaterials) }},
	{"breakFix", func() pricing.Plan { return new(pricing.BreakFix) }, func(m pricing.Plan) pricing.Plan { return *m.(*pricing.BreakFix) }},
	{"fixedPrice", func() pricing.Plan { return new(pricing.FixedPrice) }, func(m pricing.Plan) pricing.Plan { return *m.(*pricing.FixedPrice) }},
	{"subscription", func() pricing.Plan { return new(pricing.Subscription) }, func(m pricing.Plan) pricing.Plan { return *m.(*pricing.Subscription) }},
	{"payPerUse", func() pricing.Plan { return new(pricing.PayPerUse) }, func(m pricing.Plan) pricing.Plan { return *m.(*pricing.PayPerUse) }},
	{"bundle", func() pricing.Plan { return new(pricing.Bundle) }, func(m pricing.Plan) pricing.Plan { return *m.(*pricing.Bundle) }},
	{"noContract", func() pricing.Plan { return new(pricing.NoContract) }, func(m pricing.Plan) pricing.Plan { return *m.(*pricing.NoContract) }},
}

// modelKind returns the JSON kind of a service model, or "" for a model
// of another type.
func modelKind(m pricing.Plan) string {
	switch m.(type) {
	case pricing.TimeAndMaterials, *pricing.TimeAndMaterials:
		return "timeAndMaterials"
	case pricing.BreakFix, *pricing.BreakFix:
		return "breakFix"
	case pricing.FixedPrice, *pricing.FixedPrice:
		return "fixedPrice"
	case pricing.Subscription, *pricing.Subscription:
		return "subscription"
	case pricing.PayPerUse, *pricing.PayPerUse:
		return "payPerUse"
	case pricing.Bundle, *pricing.Bundle:
		return "bundle"
	case pricing.NoContract, *pricing.NoContract:
		return "noContract"
	}
	return ""
}
