package openslo

import (
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/slacalc/slacalc/availability"
	"go.yaml.in/yaml/v3"
)

// Encode writes the documents to w as one YAML stream, separated by "---".
func Encode(w io.Writer, docs ...SLO) error {
	e := yaml.NewEncoder(w)
	e.SetIndent(2)
	for _, d := range docs {
		if err := e.Encode(d); err != nil {
			return err
		}
	}
	return e.Close()
}

// Decode reads every document of a YAML stream. It is strict: a key that
// [SLO] does not know, at any depth, is an error, and so is a document
// whose apiVersion is not openslo/v1 or whose kind is not SLO. The error
// names the document by its index in the stream.
func Decode(r io.Reader) ([]SLO, error) {
	const fn = "Decode"
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	d := yaml.NewDecoder(bytes.NewReader(data))
	d.KnownFields(true)
	var out []SLO
	var errs []error
	for i := 0; ; i++ {
		var s SLO
		err := d.Decode(&s)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, &availability.InputError{Func: "openslo." + fn, Field: docField(i, ""), Reason: err.Error(), Err: availability.ErrSyntax, Cause: err})
			var te *yaml.TypeError
			if !errors.As(err, &te) {
				break // a syntax error ends the stream
			}
			continue
		}
		if s.APIVersion != APIVersion {
			errs = append(errs, inputErr(fn, docField(i, "apiVersion"), strconv.Quote(s.APIVersion), "is not "+APIVersion, ErrUnsupported))
		}
		if s.Kind != KindSLO {
			errs = append(errs, inputErr(fn, docField(i, "kind"), strconv.Quote(s.Kind), "is not "+KindSLO, ErrUnsupported))
		}
		out = append(out, s)
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	return out, nil
}

func joinErrs(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
