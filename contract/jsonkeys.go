package contract

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/slacalc/slacalc/contract/money"
)

// decodeStrict decodes the JSON object b into v after checking that every
// key is one of known: an unknown key is an error that names the type, the
// key and the nearest known key, all of them at once.
func decodeStrict(typ string, b []byte, v any, known []string) error {
	if err := checkKeys(typ, b, known); err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// checkKeys reports every key of the JSON object b that is not in known. A
// b that is not an object is left to the decoder that follows.
func checkKeys(typ string, b []byte, known []string) error {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if !slices.Contains(known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	errs := make([]error, 0, len(keys))
	for _, k := range keys {
		errs = append(errs, fieldErr(typ, k, strconv.Quote(k), "is not a known key; did you mean "+strconv.Quote(nearest(k, known))+"?", money.ErrSyntax))
	}
	return joinErrs(errs)
}

// nearest returns the candidate with the smallest edit distance to s, the
// first of equals.
func nearest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if d := editDistance(s, c); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
