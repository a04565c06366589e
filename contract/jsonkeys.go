package contract

import "errors"

// decodeStrict decodes the JSON object b into v, a struct whose json tags
// are its keys, with the package's strict decoder: an unknown key is an
// error at its path with the nearest known key, all problems at once, and
// nested values' errors move to their full path.
// The keys in required must be present.
func decodeStrict(typ string, b []byte, v any, required ...string) error {
	if errs := strict(typ, required...).Decode(b, v); len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}
