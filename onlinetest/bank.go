package onlinetest

import "time"

// Limits on a bank file. Every list and text is bounded so that a bad file
// cannot make the server or the test page unbounded.
const (
	FileSizeMax            = 256 << 10 // bytes
	LineLengthMax          = 2000      // bytes
	FlowCollectionsMax     = 2000      // '[' and '{' in a file; the YAML parser is quadratic on them
	ProblemsMax            = 20        // problems listed in one error
	NameLengthMax          = 32        // bytes of an identifier (bank name, section or question id)
	TitleLengthMax         = 100       // runes of a title, per language
	TextLengthMax          = 600       // runes of a question text, per language
	PassageLengthMax       = 2000      // runes of a reading passage, per language
	OptionTextLengthMax    = 200       // runes of an option text, per language
	SectionsMax            = 10
	QuestionsMax           = 500 // in a bank
	QuestionsPerAttemptMax = 100
	OptionsMin             = 2
	OptionsMax             = 6
	LikertPointsMax        = 10
	VersionMax             = 1_000_000
	TimeLimitMin           = time.Minute
	TimeLimitMax           = 3 * time.Hour
	AttemptsMaxMax         = 10
	RetakeWaitMax          = 90 * 24 * time.Hour
)

// Question kinds.
const (
	KindChoice = "choice" // one correct option, worth 1 point
	KindLikert = "likert" // a scale; each option carries its points
)

// Text is a sentence in both languages of the user interface.
type Text struct {
	ID string `yaml:"id" json:"id"` // Bahasa Indonesia
	EN string `yaml:"en" json:"en"` // English
}

// Bank is a parsed and validated question bank with its test rules.
type Bank struct {
	Name      string     `yaml:"name"`
	Version   int        `yaml:"version"`
	Title     Text       `yaml:"title"`
	Rules     Rules      `yaml:"rules"`
	Sections  []Section  `yaml:"sections"`
	Questions []Question `yaml:"questions"`
}

// Rules are the test rules of a bank: how an attempt is drawn, timed and
// passed, and when another attempt may start.
type Rules struct {
	QuestionsPerAttempt int           `yaml:"questions_per_attempt"`
	TimeLimit           time.Duration `yaml:"time_limit"`
	PassPercent         int           `yaml:"pass_percent"`
	AttemptsMax         int           `yaml:"attempts_max"`
	RetakeWait          time.Duration `yaml:"retake_wait"`
}

// Section groups questions of one kind of ability, drawn and reported
// together.
type Section struct {
	ID     string `yaml:"id" json:"id"`
	Title  Text   `yaml:"title" json:"title"`
	Draw   int    `yaml:"draw" json:"draw"`
	Scored bool   `yaml:"scored" json:"scored"`
}

// Question is one item of the bank, with its answer key.
type Question struct {
	ID      string   `yaml:"id"`
	Section string   `yaml:"section"`
	Kind    string   `yaml:"kind"`
	Passage *Text    `yaml:"passage"`
	Text    Text     `yaml:"text"`
	Options []Option `yaml:"options"`
}

// Option is one answer of a question with its part of the answer key.
type Option struct {
	Text    Text `yaml:"text" json:"text"`
	Correct bool `yaml:"correct" json:"correct,omitempty"`
	Points  *int `yaml:"points" json:"points,omitempty"`
}

// section returns the section with id, or nil.
func (b *Bank) section(id string) *Section {
	for i := range b.Sections {
		if b.Sections[i].ID == id {
			return &b.Sections[i]
		}
	}
	return nil
}

// possible returns the points a question is worth.
func (q *Question) possible() int {
	if q.Kind == KindChoice {
		return 1
	}
	best := 0
	for _, o := range q.Options {
		if o.Points != nil && *o.Points > best {
			best = *o.Points
		}
	}
	return best
}
