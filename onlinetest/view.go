package onlinetest

import "time"

// View is an attempt as a client may see it: the questions and options in
// display order without the answer key, so that the correct answers never
// leave the server. Its types hold no field that could carry a key.
type View struct {
	Bank      string         `json:"bank"`
	No        int            `json:"no"`
	Title     Text           `json:"title"`
	StartedAt time.Time      `json:"started_at"`
	Deadline  time.Time      `json:"deadline"`
	Questions []ViewQuestion `json:"questions"`
}

// ViewQuestion is one question of a View. An answer names the question by ID
// and the option by its index in Options.
type ViewQuestion struct {
	ID           string `json:"id"`
	Section      string `json:"section"`
	SectionTitle Text   `json:"section_title"`
	Kind         string `json:"kind"`
	Passage      *Text  `json:"passage,omitempty"`
	Text         Text   `json:"text"`
	Options      []Text `json:"options"`
}

// View returns the client's view of a.
func (a *Attempt) View() View {
	v := View{Bank: a.Bank, No: a.No, Title: a.Title, StartedAt: a.StartedAt, Deadline: a.Deadline,
		Questions: make([]ViewQuestion, 0, len(a.Items))}
	for _, it := range a.Items {
		q := ViewQuestion{ID: it.QuestionID, Section: it.Section, Kind: it.Kind, Passage: it.Passage,
			Text: it.Text, Options: make([]Text, 0, len(it.Options))}
		if s := a.section(it.Section); s != nil {
			q.SectionTitle = s.Title
		}
		for _, o := range it.Options {
			q.Options = append(q.Options, o.Text)
		}
		v.Questions = append(v.Questions, q)
	}
	return v
}
