package proposal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/internal/jsonpath"
	"github.com/slacalc/slacalc/sla"
)

// Limits of a proposal document, beyond which Load and Parse report an
// error wrapping [ErrLimit] before decoding it.
const (
	MaxSize       = 16 << 20 // bytes of the document
	MaxDepth      = 32       // nesting of objects and arrays
	MaxNodes      = availability.MaxNodes
	MaxTiers      = contract.MaxTiers
	MaxNameLength = availability.MaxNameLength // bytes of the name of a component or supplier
	MaxString     = 4096                       // bytes of any string or key
)

var limits = jsonpath.Limits{Size: MaxSize, Depth: MaxDepth, Items: MaxNodes, String: MaxString}

// Load reads a proposal in the JSON format of the package documentation and
// validates it. It reports every problem at once, each a [*availability.InputError]
// naming its place in the document, joined with errors.Join.
func Load(r io.Reader) (*Proposal, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &availability.InputError{Func: "proposal", Reason: "reading: " + err.Error(), Err: ErrSyntax, Cause: err}
	}
	return Parse(data)
}

// Parse is Load for a document in memory.
func Parse(data []byte) (*Proposal, error) {
	if is := jsonpath.CheckLimits(data, limits); is != nil {
		return nil, &availability.InputError{Func: "proposal", Field: is.Path, Value: is.Value, Reason: is.Reason, Err: ErrLimit}
	}
	var d decoder
	p := d.proposal(data)
	if len(d.ps) > 0 {
		return nil, d.ps.err()
	}
	return p, nil
}

// UnmarshalJSON implements json.Unmarshaler with [Parse].
func (p *Proposal) UnmarshalJSON(data []byte) error {
	q, err := Parse(data)
	if err != nil {
		return err
	}
	*p = *q
	return nil
}

// decoder decodes a document in two steps, first into raw messages per
// field and then each field on its own, so that every problem has a path.
type decoder struct {
	ps     problems
	absent map[string]bool // fields whose absence is already reported
}

// object decodes a JSON object into its raw fields, reporting keys that
// are not in known with the nearest known key, and keys given twice. It
// returns nil when data is not an object.
func (d *decoder) object(path string, data []byte, known ...string) map[string]json.RawMessage {
	if isNull(data) {
		d.ps.add(path, "must not be null", ErrMissing, nil)
		return nil
	}
	ms, err := jsonpath.Object(data)
	if err != nil {
		d.syntax(path, err.Error(), err)
		return nil
	}
	fields := make(map[string]json.RawMessage, len(ms))
	for _, m := range ms {
		fields[m.Key] = m.Value
		if !slices.Contains(known, m.Key) {
			d.ps.add(join(path, m.Key), jsonpath.UnknownKey(m.Key, known), ErrUnknown, jsonpath.ErrUnknownKey)
		}
	}
	return fields
}

func (d *decoder) syntax(path, want string, err error) {
	msg := want
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			msg = "invalid JSON at byte " + strconv.FormatInt(se.Offset, 10) + " of the value: " + se.Error()
		}
	}
	d.ps.add(path, msg, ErrSyntax, err)
}

// value decodes one field strictly, reporting its errors at their paths
// under path.
func (d *decoder) value(path string, data []byte, v any) bool {
	if isNull(data) {
		d.ps.add(path, "must not be null", ErrMissing, nil)
		return false
	}
	dec := jsonpath.Decoder{
		Limits: limits,
		Err: func(is jsonpath.Issue) error {
			return &availability.InputError{Func: "proposal", Field: join(path, is.Path), Value: is.Value, Reason: is.Reason, Err: kindSentinel(is.Kind), Cause: is.Kind}
		},
		Nest: func(p string, err error, text bool) []error {
			var ps problems
			for _, e := range jsonpath.Flatten(err) {
				ps.relocate(join(path, p), e, text)
			}
			return ps
		},
	}
	errs := dec.Decode(data, v)
	d.ps = append(d.ps, errs...)
	return len(errs) == 0
}

func isNull(data []byte) bool { return bytes.Equal(bytes.TrimSpace(data), []byte("null")) }

// kindSentinel is the sentinel of a problem the strict decoder found.
func kindSentinel(kind error) error {
	switch kind {
	case jsonpath.ErrUnknownKey:
		return ErrUnknown
	case jsonpath.ErrMissing:
		return ErrMissing
	case jsonpath.ErrLimit:
		return ErrLimit
	}
	return ErrSyntax
}

// relocate adds the problem e of a value decoded at path, whose field (if
// any) is relative to that value, with Func "proposal".
func (ps *problems) relocate(path string, e error, text bool) {
	var (
		ie *availability.InputError
		ge *availability.GraphError
	)
	switch {
	case errors.As(e, &ie):
		field := join(path, ie.Field)
		if text {
			field = path
		}
		*ps = append(*ps, &availability.InputError{Func: "proposal", Field: field, Value: ie.Value, Reason: ie.Reason, Err: sentinelOf(e), Cause: e})
	case errors.As(e, &ge):
		ps.add(path, ge.Error(), ErrInvalid, e)
	default:
		v, r := jsonpath.Reason(e)
		*ps = append(*ps, &availability.InputError{Func: "proposal", Field: path, Value: v, Reason: r, Err: ErrSyntax, Cause: e})
	}
}

// sentinelOf picks the sentinel of an error of another package.
func sentinelOf(err error) error {
	switch {
	case errors.Is(err, jsonpath.ErrUnknownKey):
		return ErrUnknown
	case errors.Is(err, jsonpath.ErrMissing):
		return ErrMissing
	case errors.Is(err, jsonpath.ErrLimit):
		return ErrLimit
	case errors.Is(err, availability.ErrSyntax), errors.Is(err, money.ErrSyntax), errors.Is(err, sla.ErrSyntax):
		return ErrSyntax
	case errors.Is(err, contract.ErrUnknownComponent), errors.Is(err, availability.ErrUnknownNode):
		return ErrUnknown
	}
	return ErrInvalid
}

var topLevel = []string{"name", "customer", "service", "components", "commonCauses", "offer", "suppliers", "failures", "demand", "models", "simulation"}

func (d *decoder) proposal(data []byte) *Proposal {
	d.absent = map[string]bool{}
	p := new(Proposal)
	f := d.object("", data, topLevel...)
	if f == nil {
		return nil
	}
	d.optString("name", f["name"], &p.Name)
	d.optString("customer", f["customer"], &p.Customer)
	if raw, ok := f["service"]; ok {
		if !d.value("service", raw, &p.Service) {
			d.absent["service"] = true
		}
	} else {
		d.ps.add("service", "must name the node of the graph that is offered", ErrMissing, nil)
		d.absent["service"] = true
	}
	p.Model = d.components(f["components"])
	p.CommonCauses = d.commonCauses(f["commonCauses"])
	// The offer's own problems are reported while decoding it; when it
	// is missing or invalid, the checks of its relations would repeat them.
	if raw, ok := f["offer"]; !ok {
		d.ps.add("offer", "the proposal needs the terms offered", ErrMissing, nil)
		d.absent["offer"] = true
	} else if !d.value("offer", raw, &p.Offer) {
		d.absent["offer"] = true
	}
	p.Suppliers = d.suppliers(f["suppliers"])
	p.Failures = d.failures(f["failures"])
	if raw, ok := f["demand"]; ok {
		p.Demand = d.demand(raw)
		if p.Demand == nil {
			d.absent["demand"] = true
		}
	}
	p.Models = d.models(f["models"])
	p.Simulation = d.simulation(f["simulation"])
	if p.Model == nil {
		d.absent["components"] = true
	}
	// The decoded fields are valid on their own; what is left are the
	// relations between them.
	p.validate(&d.ps, d.absent)
	return p
}

// nameLength reports a name longer than MaxNameLength.
func (d *decoder) nameLength(path, name string) bool {
	if len(name) > MaxNameLength {
		d.ps.add(path, strconv.Itoa(len(name))+" bytes are more than the limit of "+strconv.Itoa(MaxNameLength), ErrLimit, nil)
		return false
	}
	return true
}

func (d *decoder) optString(path string, raw json.RawMessage, s *string) {
	if raw != nil {
		d.value(path, raw, s)
	}
}

func (d *decoder) components(raw json.RawMessage) *availability.Model {
	if raw == nil {
		d.ps.add("components", "the proposal needs a dependency graph", ErrMissing, nil)
		return nil
	}
	var elems []json.RawMessage
	if !d.value("components", raw, &elems) {
		return nil
	}
	if len(elems) == 0 {
		d.ps.add("components", "the dependency graph is empty", ErrMissing, availability.ErrEmptyModel)
		return nil
	}
	if len(elems) > MaxNodes {
		d.ps.add("components", strconv.Itoa(len(elems))+" components are more than the limit of "+strconv.Itoa(MaxNodes), ErrLimit, nil)
		return nil
	}
	specs := make([]availability.NodeSpec, 0, len(elems))
	index := map[string]int{}
	ok := true
	for i, e := range elems {
		path := "components[" + strconv.Itoa(i) + "]"
		f := d.object(path, e, "name", "availability", "requires", "dependsOn")
		if f == nil {
			ok = false
			continue
		}
		var s availability.NodeSpec
		if raw, has := f["name"]; has {
			ok = d.value(join(path, "name"), raw, &s.Name) && d.nameLength(join(path, "name"), s.Name) && ok
		} else {
			d.ps.add(join(path, "name"), "is required", ErrMissing, jsonpath.ErrMissing)
			ok = false
		}
		if raw, has := f["availability"]; has {
			s.Availability = new(availability.Availability)
			ok = d.value(join(path, "availability"), raw, s.Availability) && ok
		}
		if raw, has := f["requires"]; has {
			ok = d.value(join(path, "requires"), raw, &s.Requires) && ok
		}
		if raw, has := f["dependsOn"]; has {
			ok = d.value(join(path, "dependsOn"), raw, &s.DependsOn) && ok
		}
		if _, dup := index[s.Name]; !dup {
			index[s.Name] = i
		}
		specs = append(specs, s)
	}
	m, err := availability.NewModel(specs)
	if err == nil && ok {
		return m
	}
	// Report the graph's problems at the nodes, even when some fields did
	// not decode, unless they follow from those (a missing name).
	for _, e := range unjoin(err) {
		var ge *availability.GraphError
		if !errors.As(e, &ge) {
			d.ps.add("components", e.Error(), ErrInvalid, e)
			continue
		}
		path := "components"
		if i, has := index[ge.Node]; has && (ge.Node != "" || errors.Is(e, availability.ErrEmptyName)) {
			path += "[" + strconv.Itoa(i) + "]"
			switch {
			case errors.Is(e, availability.ErrUnknownNode), errors.Is(e, availability.ErrCycle), errors.Is(e, availability.ErrSelfDependency):
				path += ".dependsOn"
			case errors.Is(e, availability.ErrK):
				path += ".requires"
			case errors.Is(e, availability.ErrEmptyName):
				if !ok {
					continue
				}
				path += ".name"
			case errors.Is(e, availability.ErrDuplicateNode):
				path = "components[" + strconv.Itoa(lastIndex(specs, ge.Node)) + "].name"
			}
		}
		sentinel := ErrInvalid
		switch {
		case errors.Is(e, availability.ErrUnknownNode):
			sentinel = ErrUnknown
		case errors.Is(e, availability.ErrEmptyName):
			sentinel = ErrMissing
		}
		d.ps.add(path, ge.Problem, sentinel, e)
	}
	return nil
}

func lastIndex(specs []availability.NodeSpec, name string) int {
	for i := len(specs) - 1; i >= 0; i-- {
		if specs[i].Name == name {
			return i
		}
	}
	return 0
}

func (d *decoder) suppliers(raw json.RawMessage) []contract.Supplier {
	if raw == nil {
		return nil
	}
	var elems []json.RawMessage
	if !d.value("suppliers", raw, &elems) {
		return nil
	}
	out := make([]contract.Supplier, 0, len(elems))
	for i, e := range elems {
		path := "suppliers[" + strconv.Itoa(i) + "]"
		var s contract.Supplier
		f := d.object(path, e, "name", "terms", "components")
		if f == nil {
			d.absent[join(path, "terms")] = true
			out = append(out, s)
			continue
		}
		if raw, has := f["name"]; has {
			if d.value(join(path, "name"), raw, &s.Name) {
				d.nameLength(join(path, "name"), s.Name)
			}
		} else {
			d.ps.add(join(path, "name"), "is required", ErrMissing, jsonpath.ErrMissing)
		}
		if _, has := f["components"]; !has {
			d.ps.add(join(path, "components"), "is required: the components the supplier provides", ErrMissing, jsonpath.ErrMissing)
		}
		if raw, has := f["terms"]; !has {
			d.ps.add(join(path, "terms"), "supplier "+supplierLabel(s, i)+" has no terms", ErrMissing, nil)
			d.absent[join(path, "terms")] = true
		} else if !d.value(join(path, "terms"), raw, &s.Terms) {
			d.absent[join(path, "terms")] = true
		}
		if raw, has := f["components"]; has {
			d.value(join(path, "components"), raw, &s.Components)
		}
		out = append(out, s)
	}
	return out
}

// failureJSON is the JSON form of a Failure.
type failureJSON struct {
	MTBF         string           `json:"mtbf"`
	MTTR         string           `json:"mttr"`
	FailureShape float64          `json:"failureShape,omitempty"`
	RepairSigma  float64          `json:"repairSigma,omitempty"`
	Maintenance  *maintenanceJSON `json:"maintenance,omitempty"`
}

type maintenanceJSON struct {
	Every    string `json:"every"`
	Duration string `json:"duration"`
	Offset   string `json:"offset,omitempty"`
}

func (d *decoder) duration(path string, raw json.RawMessage, required bool) time.Duration {
	if raw == nil {
		if required {
			d.ps.add(path, "is required", ErrMissing, nil)
		}
		return 0
	}
	var s string
	if !d.value(path, raw, &s) {
		return 0
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		d.ps.add(path, strconv.Quote(s)+" is not a duration such as \"4h\" or \"1h30m\"", ErrSyntax, err)
		return 0
	}
	return v
}

func (d *decoder) failures(raw json.RawMessage) map[string]Failure {
	if raw == nil {
		return nil
	}
	var elems map[string]json.RawMessage
	if !d.value("failures", raw, &elems) {
		return nil
	}
	out := make(map[string]Failure, len(elems))
	for _, name := range slices.Sorted(maps.Keys(elems)) {
		path := join("failures", name)
		f := d.object(path, elems[name], "mtbf", "mttr", "failureShape", "repairSigma", "maintenance")
		if f == nil {
			continue
		}
		var fl Failure
		fl.MTBF = d.duration(join(path, "mtbf"), f["mtbf"], true)
		fl.MTTR = d.duration(join(path, "mttr"), f["mttr"], true)
		if raw, has := f["failureShape"]; has {
			d.value(join(path, "failureShape"), raw, &fl.FailureShape)
		}
		if raw, has := f["repairSigma"]; has {
			d.value(join(path, "repairSigma"), raw, &fl.RepairSigma)
		}
		if raw, has := f["maintenance"]; has {
			mp := join(path, "maintenance")
			if m := d.object(mp, raw, "every", "duration", "offset"); m != nil {
				fl.Maintenance = availability.Maintenance{
					Every:    d.duration(join(mp, "every"), m["every"], true),
					Duration: d.duration(join(mp, "duration"), m["duration"], true),
					Offset:   d.duration(join(mp, "offset"), m["offset"], false),
				}
			}
		}
		out[name] = fl
	}
	return out
}

func (d *decoder) demand(raw json.RawMessage) *pricing.DemandProfile {
	f := d.object("demand", raw, "incidentsPerYear", "hoursPerIncident", "unitsPerMonth", "months")
	if f == nil {
		return nil
	}
	var p pricing.DemandProfile
	ok := true
	if raw, has := f["incidentsPerYear"]; has {
		ok = d.value("demand.incidentsPerYear", raw, &p.IncidentsPerYear) && ok
	} else {
		d.ps.add("demand.incidentsPerYear", "is required", ErrMissing, nil)
		ok = false
	}
	if raw, has := f["hoursPerIncident"]; has {
		ok = d.value("demand.hoursPerIncident", raw, &p.HoursPerIncident) && ok
	} else {
		d.ps.add("demand.hoursPerIncident", "is required, e.g. \"lognormal(mean 3, sd 2)\"", ErrMissing, nil)
		ok = false
	}
	if raw, has := f["unitsPerMonth"]; has {
		ok = d.value("demand.unitsPerMonth", raw, &p.UnitsPerMonth) && ok
	}
	if raw, has := f["months"]; has {
		ok = d.value("demand.months", raw, &p.Months) && ok
	}
	if !ok {
		return nil
	}
	return &p
}

func (d *decoder) models(raw json.RawMessage) []pricing.Plan {
	if raw == nil {
		return nil
	}
	var elems []json.RawMessage
	if !d.value("models", raw, &elems) {
		d.absent["models"] = true
		return nil
	}
	if len(elems) > 0 {
		d.absent["models"] = true // reported per element if they fail
	}
	var out []pricing.Plan
	kinds := make([]string, len(modelKinds))
	for i, k := range modelKinds {
		kinds[i] = k.kind
	}
	for i, e := range elems {
		path := "models[" + strconv.Itoa(i) + "]"
		ms, err := jsonpath.Object(e)
		if err != nil || len(ms) != 1 {
			d.ps.add(path, "want an object with one key, the kind of model: "+strings.Join(kinds, ", "), ErrSyntax, err)
			continue
		}
		for _, m := range ms {
			kind, body := m.Key, m.Value
			idx := slices.IndexFunc(modelKinds, func(k struct {
				kind  string
				new   func() pricing.Plan
				deref func(pricing.Plan) pricing.Plan
			}) bool {
				return k.kind == kind
			})
			if idx < 0 {
				hint, _ := jsonpath.Nearest(kind, kinds)
				d.ps.add(join(path, kind), "is not a kind of service model; did you mean "+strconv.Quote(hint)+"? (one of "+strings.Join(kinds, ", ")+")", ErrUnknown, jsonpath.ErrUnknownKey)
				continue
			}
			m := modelKinds[idx].new()
			if !d.value(join(path, kind), body, m) {
				continue
			}
			m = modelKinds[idx].deref(m)
			if err := m.Validate(); err != nil {
				addContract(&d.ps, join(path, kind), err)
				continue
			}
			out = append(out, m)
		}
	}
	return out
}

func (d *decoder) simulation(raw json.RawMessage) SimulationSettings {
	var s SimulationSettings
	if raw == nil {
		return s
	}
	f := d.object("simulation", raw, "years", "seed", "start", "zone", "repairTime", "trials")
	if f == nil {
		return s
	}
	if raw, has := f["years"]; has {
		d.value("simulation.years", raw, &s.Years)
	}
	if raw, has := f["seed"]; has {
		d.value("simulation.seed", raw, &s.Seed)
	}
	if raw, has := f["trials"]; has {
		d.value("simulation.trials", raw, &s.Trials)
	}
	s.RepairTime = d.duration("simulation.repairTime", f["repairTime"], false)
	loc := time.UTC
	if raw, has := f["zone"]; has {
		var zone string
		if d.value("simulation.zone", raw, &zone) {
			l, err := loadLocation(zone)
			if err != nil {
				msg := strconv.Quote(zone) + " is not a time zone"
				if n, ok := jsonpath.NearestZone(zone); ok && n != zone {
					msg += "; did you mean " + strconv.Quote(n) + "?"
				}
				d.ps.add("simulation.zone", msg, ErrInvalid, err)
			} else {
				loc = l
			}
		}
	}
	if raw, has := f["start"]; has {
		var start string
		if d.value("simulation.start", raw, &start) {
			t, err := time.Parse("2006-01", start)
			if err != nil {
				d.ps.add("simulation.start", strconv.Quote(start)+" is not a month such as \"2027-01\"", ErrSyntax, err)
			} else if s.Start, err = sla.CalendarMonth(t.Year(), t.Month(), loc); err != nil {
				d.ps.add("simulation.start", err.Error(), ErrInvalid, err)
			}
		}
	}
	return s
}

// loadLocation is time.LoadLocation without the file system paths and
// environment lookups that a name like "../x" could reach.
func loadLocation(name string) (*time.Location, error) {
	if name == "" || name == "Local" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
		return nil, fmt.Errorf("bad zone name %q", name)
	}
	return time.LoadLocation(name)
}

// commonCauseJSON is a common-cause group with β as a percentage.
type commonCauseJSON struct {
	Name    string      `json:"name"`
	Beta    money.Share `json:"beta"`
	Members []string    `json:"members"`
}

// commonCauses decodes the groups: [{"name": "zone", "beta": "10%",
// "members": ["web1", "web2"]}], every key required.
func (d *decoder) commonCauses(raw json.RawMessage) []availability.CommonCause {
	if raw == nil {
		return nil
	}
	var elems []json.RawMessage
	if !d.value("commonCauses", raw, &elems) {
		return nil
	}
	var out []availability.CommonCause
	for i, e := range elems {
		path := "commonCauses[" + strconv.Itoa(i) + "]"
		f := d.object(path, e, "name", "beta", "members")
		if f == nil {
			continue
		}
		missing := false
		for _, k := range []string{"name", "beta", "members"} {
			if _, ok := f[k]; !ok {
				d.ps.add(join(path, k), "is required", ErrMissing, nil)
				missing = true
			}
		}
		var g commonCauseJSON
		if missing || !d.value(path, e, &g) {
			continue
		}
		beta, _ := g.Beta.Rat().Float64()
		out = append(out, availability.CommonCause{Name: g.Name, Beta: beta, Members: g.Members})
	}
	return out
}
