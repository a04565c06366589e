package openslo

// APIVersion and KindSLO are the apiVersion and kind this package writes and
// reads.
const (
	APIVersion = "openslo/v1"
	KindSLO    = "SLO"
)

// SLO is an OpenSLO v1 SLO document. The fields are those of the
// specification that slacalc reads and writes; any other key is an error
// on [Decode].
type SLO struct {
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Metadata   Metadata `yaml:"metadata"`
	Spec       Spec     `yaml:"spec"`
}

// Metadata names a document. Name is an RFC 1123 label (at most 63 lower
// case letters, digits and '-'); DisplayName is free text.
type Metadata struct {
	Name        string            `yaml:"name"`
	DisplayName string            `yaml:"displayName,omitempty"`
	Labels      map[string]string `yaml:"labels,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

// Spec is the specification of an SLO. Exactly one of Indicator and
// IndicatorRef should be set; slacalc writes IndicatorRef unless the
// caller fills in an Indicator.
type Spec struct {
	Description     string       `yaml:"description,omitempty"`
	Service         string       `yaml:"service"`
	Indicator       *Indicator   `yaml:"indicator,omitempty"`
	IndicatorRef    string       `yaml:"indicatorRef,omitempty"`
	TimeWindow      []TimeWindow `yaml:"timeWindow"`
	BudgetingMethod string       `yaml:"budgetingMethod"` // Occurrences, Timeslices or RatioTimeslices
	Objectives      []Goal       `yaml:"objectives"`
	AlertPolicies   []string     `yaml:"alertPolicies,omitempty"` // references by name
}

// Indicator is an inline SLI: a ratio of good (or bad) to total events, or
// a threshold on a raw metric, each read from a metric source.
type Indicator struct {
	Metadata Metadata      `yaml:"metadata"`
	Spec     IndicatorSpec `yaml:"spec"`
}

// IndicatorSpec holds one of the two kinds of SLI.
type IndicatorSpec struct {
	RatioMetric     *RatioMetric     `yaml:"ratioMetric,omitempty"`
	ThresholdMetric *MetricReference `yaml:"thresholdMetric,omitempty"`
}

// RatioMetric is good/total or bad/total; Counter says the sources are
// monotonic counters.
type RatioMetric struct {
	Counter bool             `yaml:"counter"`
	Good    *MetricReference `yaml:"good,omitempty"`
	Bad     *MetricReference `yaml:"bad,omitempty"`
	Total   *MetricReference `yaml:"total"`
}

// MetricReference wraps a metric source.
type MetricReference struct {
	MetricSource MetricSource `yaml:"metricSource"`
}

// MetricSource is a vendor's query: Type names the vendor ("Prometheus"),
// Spec holds its fields (for Prometheus, "query").
type MetricSource struct {
	MetricSourceRef string            `yaml:"metricSourceRef,omitempty"`
	Type            string            `yaml:"type"`
	Spec            map[string]string `yaml:"spec"`
}

// TimeWindow is the window an SLO is evaluated over: Duration in OpenSLO's
// shorthand (a number and one of m, h, d, w, M, Q, Y), rolling or aligned
// to a calendar.
type TimeWindow struct {
	Duration  string         `yaml:"duration"`
	IsRolling bool           `yaml:"isRolling"`
	Calendar  *CalendarStart `yaml:"calendar,omitempty"`
}

// CalendarStart anchors a calendar-aligned window: StartTime is local wall
// clock time "2006-01-02 15:04:05" in the IANA TimeZone.
type CalendarStart struct {
	StartTime string `yaml:"startTime"`
	TimeZone  string `yaml:"timeZone"`
}

// Goal is one entry of spec.objectives: Target is the fraction of good
// events (Occurrences) or good slices (Timeslices) required; under
// Timeslices a slice of TimeSliceWindow is good when its ratio is at least
// TimeSliceTarget.
type Goal struct {
	DisplayName     string   `yaml:"displayName,omitempty"`
	Op              string   `yaml:"op,omitempty"`
	Value           *float64 `yaml:"value,omitempty"`
	Target          float64  `yaml:"target"`
	TimeSliceTarget *float64 `yaml:"timeSliceTarget,omitempty"`
	TimeSliceWindow string   `yaml:"timeSliceWindow,omitempty"`
}
