// Package ftgen generates random coherent fault trees, deterministically
// from a seed, in the shape of the public fault-tree generators (SCRAM's
// fault_tree_generator among them): a top gate, and/or/atleast gates of a
// few arguments each, and a share of basic events and gates used by more
// than one parent, which is what makes a tree hard for a BDD engine.
//
// It exists to test and benchmark package bdd on trees of any size, so
// that no change to the variable orders, the operation cache or the
// folding of n-ary gates can make some shape of tree slow unnoticed. A
// [Tree] converts to a [bdd.Structure] and writes itself as Open-PSA
// Model Exchange Format XML, for comparison with other engines:
//
//	t := ftgen.Generate(1, ftgen.Params{BasicEvents: 1000})
//	res, err := bdd.ModularProbability(ctx, t.Structure, t.Probabilities, nil, bdd.Options{})
//	err = t.WriteOpenPSA(f)
package ftgen
