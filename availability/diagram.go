package availability

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// diagramNode is what a picture shows of one node.
type diagramNode struct {
	id, name, requirement, own, value, importance string
	shared, spof, root                            bool
	deps                                          []int
}

// diagramNodes evaluates what the pictures show: every node's exact
// availability, and for the components below root their criticality for
// root and whether they are single points of failure. root may be "" for
// no importance.
func (m *Model) diagramNodes(ctx context.Context, root string) ([]diagramNode, error) {
	vals, err := m.AvailabilityOf(ctx, m.names...)
	if err != nil {
		return nil, err
	}
	crit := map[string]float64{}
	spof := map[string]bool{}
	if root != "" {
		imps, err := m.Importance(ctx, root)
		if err != nil {
			return nil, err
		}
		for _, imp := range imps {
			crit[imp.Component] = imp.Criticality
		}
		sp, err := m.SinglePointsOfFailure(ctx, root)
		if err != nil {
			return nil, err
		}
		for _, s := range sp {
			spof[s] = true
		}
	}
	out := make([]diagramNode, len(m.names))
	for i, name := range m.names {
		d := diagramNode{id: "n" + strconv.Itoa(i), name: name, value: vals[i].String(),
			shared: m.parent[i] > 1, spof: spof[name], root: name == root, deps: m.deps[i]}
		if n := len(m.deps[i]); n > 0 {
			switch k := m.req[i].atLeast(n); {
			case k == n:
				d.requirement = fmt.Sprintf("all of %d", n)
			case k == 1:
				d.requirement = fmt.Sprintf("any of %d", n)
			default:
				d.requirement = fmt.Sprintf("%d of %d", k, n)
			}
		}
		if m.hasOwn[i] && len(m.deps[i]) > 0 {
			d.own = "own " + m.own[i].String()
		}
		if c, ok := crit[name]; ok {
			d.importance = fmt.Sprintf("criticality %.3g", c)
		}
		out[i] = d
	}
	return out, nil
}

func (d diagramNode) lines() []string {
	lines := []string{d.name}
	for _, s := range []string{d.requirement, d.own, d.value, d.importance} {
		if s != "" {
			lines = append(lines, s)
		}
	}
	if d.spof {
		lines = append(lines, "single point of failure")
	}
	return lines
}

// Mermaid returns the model as a Mermaid flowchart, each node annotated with
// its requirement, its own availability (for services), its exact
// availability under independence and, for components below root, their
// criticality importance for root. Shared components (depended on by more
// than one node) have a double border; single points of failure of root are
// red. root may be "" to leave out importance and single points of failure.
func (m *Model) Mermaid(ctx context.Context, root string) (string, error) {
	nodes, err := m.diagramNodes(ctx, root)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	for _, d := range nodes {
		label := strings.Join(d.lines(), "<br/>")
		label = strings.NewReplacer(`"`, "#quot;", "<br/>", "<br/>").Replace(label)
		open, close := "[", "]"
		if d.shared {
			open, close = "[[", "]]"
		}
		fmt.Fprintf(&b, "    %s%s\"%s\"%s\n", d.id, open, label, close)
	}
	for _, d := range nodes {
		for _, dep := range d.deps {
			fmt.Fprintf(&b, "    %s --> %s\n", d.id, nodes[dep].id)
		}
	}
	b.WriteString("    classDef spof fill:#fdd,stroke:#c00,stroke-width:2px\n")
	b.WriteString("    classDef root fill:#def,stroke:#036,stroke-width:2px\n")
	for _, d := range nodes {
		switch {
		case d.spof:
			fmt.Fprintf(&b, "    class %s spof\n", d.id)
		case d.root:
			fmt.Fprintf(&b, "    class %s root\n", d.id)
		}
	}
	return b.String(), nil
}

// DOT returns the model as a Graphviz digraph with the annotations of
// [Model.Mermaid]: shared components have a double border
// (peripheries=2), single points of failure of root are red.
func (m *Model) DOT(ctx context.Context, root string) (string, error) {
	nodes, err := m.diagramNodes(ctx, root)
	if err != nil {
		return "", err
	}
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	var b strings.Builder
	b.WriteString("digraph availability {\n    rankdir=TB;\n    node [shape=box, fontname=\"Helvetica\"];\n")
	for _, d := range nodes {
		lines := d.lines()
		for i := range lines {
			lines[i] = esc.Replace(lines[i])
		}
		attrs := []string{`label="` + strings.Join(lines, `\n`) + `"`}
		if d.shared {
			attrs = append(attrs, "peripheries=2")
		}
		switch {
		case d.spof:
			attrs = append(attrs, `color="#cc0000"`, `style=filled`, `fillcolor="#ffdddd"`)
		case d.root:
			attrs = append(attrs, `style=filled`, `fillcolor="#ddeeff"`)
		}
		fmt.Fprintf(&b, "    %s [%s];\n", d.id, strings.Join(attrs, ", "))
	}
	for _, d := range nodes {
		for _, dep := range d.deps {
			fmt.Fprintf(&b, "    %s -> %s;\n", d.id, nodes[dep].id)
		}
	}
	b.WriteString("}\n")
	return b.String(), nil
}
