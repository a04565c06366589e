package availability

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// ErrCommonCause reports a common-cause group that cannot be applied: a
// beta outside [0, 1], fewer than two members, a member that is not a
// leaf component, members of different availabilities, or a member in two
// groups.
var ErrCommonCause = errors.New("invalid common-cause group")

// CommonCause is a group of redundant parts that can fail together: the
// beta-factor model, the missing middle between independent failures and
// the worst case. Of each member's unavailability q, the share Beta fails
// all members at once ("the two web servers share a zone: 10% of their
// failures are common"), the rest independently.
//
// [Model.WithCommonCause] adds one shared component per group, named
// "ccf:" + Name, with unavailability β·q, on which every member depends,
// and gives each member the independent unavailability
// (q − β·q)/(1 − β·q), so that its own availability is exactly as before:
// only the correlation changes. Beta 0 is independence; beta 1 makes the
// members fail only together.
type CommonCause struct {
	Name    string   `json:"name"`
	Beta    float64  `json:"beta"`    // the common share of each member's failures, a fraction in [0, 1]
	Members []string `json:"members"` // leaf components of equal availability
}

// WithCommonCause returns a copy of m with the common-cause groups
// applied; m is unchanged. Every problem of every group is reported at
// once, each wrapping [ErrCommonCause] or [ErrUnknownNode].
func (m *Model) WithCommonCause(groups ...CommonCause) (*Model, error) {
	const fn = "Model.WithCommonCause"
	specs := m.Specs()
	byName := make(map[string]int, len(specs))
	for i, s := range specs {
		byName[s.Name] = i
	}
	var errs []error
	bad := func(g int, field, value, reason string) {
		errs = append(errs, &InputError{Func: "availability." + fn, Field: fmt.Sprintf("groups[%d].%s", g, field), Value: value, Reason: reason, Err: ErrCommonCause})
	}
	inGroup := map[string]int{}
	type change struct {
		member int
		ccf    string
		qi     float64
	}
	var changes []change
	var added []NodeSpec
	for g, cc := range groups {
		ok := true
		if cc.Name == "" {
			bad(g, "name", "", "is empty")
			ok = false
		} else if _, clash := byName["ccf:"+cc.Name]; clash {
			bad(g, "name", strconv.Quote(cc.Name), "gives a node name the model already has")
			ok = false
		}
		if !(cc.Beta >= 0 && cc.Beta <= 1) {
			bad(g, "beta", fmtFloat(cc.Beta), "is outside [0, 1]")
			ok = false
		}
		if len(cc.Members) < 2 {
			bad(g, "members", strconv.Itoa(len(cc.Members)), "are fewer than two: a common cause needs a redundancy")
			ok = false
		}
		var q float64
		for j, name := range cc.Members {
			i, found := byName[name]
			switch {
			case !found:
				errs = append(errs, &GraphError{Node: name, Problem: "is a member of common-cause group " + strconv.Quote(cc.Name) + " but not in the model", Err: ErrUnknownNode})
				ok = false
				continue
			case specs[i].Availability == nil || len(specs[i].DependsOn) > 0:
				bad(g, fmt.Sprintf("members[%d]", j), strconv.Quote(name), "is not a leaf component (one with an availability and no dependencies)")
				ok = false
				continue
			}
			if other, twice := inGroup[name]; twice {
				bad(g, fmt.Sprintf("members[%d]", j), strconv.Quote(name), "is also in group "+strconv.Itoa(other))
				ok = false
			}
			inGroup[name] = g
			u := specs[i].Availability.Unavailability()
			if j == 0 {
				q = u
			} else if u != q {
				bad(g, fmt.Sprintf("members[%d]", j), strconv.Quote(name), "has another availability than "+strconv.Quote(cc.Members[0])+": the beta-factor model needs equal members")
				ok = false
			}
		}
		if !ok {
			continue
		}
		qc := cc.Beta * q
		qi := 0.0
		if qc < 1 {
			qi = (q - qc) / (1 - qc)
		}
		ccfName := "ccf:" + cc.Name
		common, err := FromUnavailability(qc)
		if err != nil {
			return nil, err
		}
		added = append(added, NodeSpec{Name: ccfName, Availability: &common})
		for _, name := range cc.Members {
			changes = append(changes, change{member: byName[name], ccf: ccfName, qi: max(0, qi)})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, c := range changes {
		a, err := FromUnavailability(c.qi)
		if err != nil {
			return nil, err
		}
		specs[c.member].Availability = &a
		specs[c.member].Requires = RequireAll
		specs[c.member].DependsOn = []string{c.ccf}
	}
	out, err := NewModel(slices.Concat(specs, added))
	if err != nil {
		return nil, err
	}
	out.budget = m.budget
	return out, nil
}
