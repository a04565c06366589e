package proposal

import (
	"github.com/slacalc/slacalc/contract"
)

// The kinds of service model in JSON, each the key of a one-key object in
// "models": {"breakFix": {...}}. The value is the model's own JSON.
var modelKinds = []struct {
	kind  string
	new   func() contract.Model // returns a pointer to a zero model to decode into
	deref func(contract.Model) contract.Model
}{
	{"timeAndMaterials", func() contract.Model { return new(contract.TimeAndMaterials) }, func(m contract.Model) contract.Model { return *m.(*contract.TimeAndMaterials) }},
	{"breakFix", func() contract.Model { return new(contract.BreakFix) }, func(m contract.Model) contract.Model { return *m.(*contract.BreakFix) }},
	{"fixedPrice", func() contract.Model { return new(contract.FixedPrice) }, func(m contract.Model) contract.Model { return *m.(*contract.FixedPrice) }},
	{"subscription", func() contract.Model { return new(contract.Subscription) }, func(m contract.Model) contract.Model { return *m.(*contract.Subscription) }},
	{"payPerUse", func() contract.Model { return new(contract.PayPerUse) }, func(m contract.Model) contract.Model { return *m.(*contract.PayPerUse) }},
	{"bundle", func() contract.Model { return new(contract.Bundle) }, func(m contract.Model) contract.Model { return *m.(*contract.Bundle) }},
	{"noContract", func() contract.Model { return new(contract.NoContract) }, func(m contract.Model) contract.Model { return *m.(*contract.NoContract) }},
}

// modelKind returns the JSON kind of a service model, or "" for a model
// of another type.
func modelKind(m contract.Model) string {
	switch m.(type) {
	case contract.TimeAndMaterials, *contract.TimeAndMaterials:
		return "timeAndMaterials"
	case contract.BreakFix, *contract.BreakFix:
		return "breakFix"
	case contract.FixedPrice, *contract.FixedPrice:
		return "fixedPrice"
	case contract.Subscription, *contract.Subscription:
		return "subscription"
	case contract.PayPerUse, *contract.PayPerUse:
		return "payPerUse"
	case contract.Bundle, *contract.Bundle:
		return "bundle"
	case contract.NoContract, *contract.NoContract:
		return "noContract"
	}
	return ""
}
