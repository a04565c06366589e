package promrange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// ErrAPI reports a response whose status is not "success"; the
// InputError's Value is Prometheus' errorType and Reason its error text.
var ErrAPI = errors.New("prometheus API error")

// Sample is one evaluation of a range query: the instant and the value.
type Sample struct {
	T time.Time
	V float64
}

// Stream is one series of a matrix: its labels and samples in time order.
type Stream struct {
	Labels  map[string]string
	Samples []Sample
}

// Matrix is the result of a range query.
type Matrix []Stream

type response struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
	Warnings  []string        `json:"warnings"`
	Infos     []string        `json:"infos"`
}

type matrixData struct {
	ResultType string            `json:"resultType"`
	Result     []json.RawMessage `json:"result"`
}

type streamJSON struct {
	Metric map[string]string   `json:"metric"`
	Values [][]json.RawMessage `json:"values"`
}

// ReadMatrix reads a /api/v1/query_range response. Unknown keys are errors,
// so is a status other than "success" (wrapping [ErrAPI]), a resultType
// other than matrix (native histograms included), and a sample that is not
// [timestamp, "value"]. Timestamps are read to the millisecond, as
// Prometheus stores them.
func ReadMatrix(r io.Reader) (Matrix, error) {
	const fn = "promrange.ReadMatrix"
	syntax := func(field string, err error) error {
		return &availability.InputError{Func: fn, Field: field, Reason: "cannot be read: " + err.Error(), Err: availability.ErrSyntax, Cause: err}
	}
	var resp response
	if err := strict(r, &resp); err != nil {
		return nil, syntax("response", err)
	}
	if resp.Status != "success" {
		return nil, &availability.InputError{Func: fn, Field: "status", Value: strconv.Quote(resp.Status) + " " + resp.ErrorType, Reason: resp.Error, Err: ErrAPI}
	}
	var d matrixData
	if err := strict(bytes.NewReader(resp.Data), &d); err != nil {
		return nil, syntax("data", err)
	}
	if d.ResultType != "matrix" {
		return nil, &availability.InputError{Func: fn, Field: "data.resultType", Value: strconv.Quote(d.ResultType), Reason: "is not matrix: use /api/v1/query_range", Err: availability.ErrSyntax}
	}
	m := make(Matrix, 0, len(d.Result))
	var errs []error
	for i, raw := range d.Result {
		var s streamJSON
		if err := strict(bytes.NewReader(raw), &s); err != nil {
			errs = append(errs, syntax(fmt.Sprintf("data.result[%d]", i), err))
			continue
		}
		st := Stream{Labels: s.Metric, Samples: make([]Sample, 0, len(s.Values))}
		for j, v := range s.Values {
			field := fmt.Sprintf("data.result[%d].values[%d]", i, j)
			smp, err := sample(v)
			if err != nil {
				errs = append(errs, &availability.InputError{Func: fn, Field: field, Reason: err.Error(), Err: availability.ErrSyntax})
				continue
			}
			st.Samples = append(st.Samples, smp)
		}
		m = append(m, st)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

func strict(r io.Reader, v any) error {
	d := json.NewDecoder(r)
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func sample(v []json.RawMessage) (Sample, error) {
	if len(v) != 2 {
		return Sample{}, errors.New("is not [timestamp, \"value\"]")
	}
	var ts json.Number
	if err := json.Unmarshal(v[0], &ts); err != nil {
		return Sample{}, errors.New("has a timestamp that is not a number")
	}
	sec, err := ts.Float64()
	if err != nil || math.IsNaN(sec) || math.IsInf(sec, 0) {
		return Sample{}, errors.New("has a timestamp that is not a number")
	}
	var text string
	if err := json.Unmarshal(v[1], &text); err != nil {
		return Sample{}, errors.New("has a value that is not a string")
	}
	x, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return Sample{}, fmt.Errorf("has value %q, not a number", text)
	}
	ms := int64(math.Round(sec * 1000))
	return Sample{T: time.UnixMilli(ms).UTC(), V: x}, nil
}

func joinAll(errs []error) error { return errors.Join(errs...) }
