package onlinetest

import (
	"slices"
	"time"
)

// Attempt is one sitting of the test as the server keeps it: the questions
// drawn, in order, with their options in display order and the answer key,
// and the rules that applied. It holds everything Score needs, so a bank
// edited later cannot change how a past attempt is scored. Never send it to
// a client: send View() instead.
type Attempt struct {
	Bank           string    `json:"bank"`
	BankVersion    int       `json:"bank_version"`
	RegistrationID string    `json:"registration_id"`
	No             int       `json:"no"` // 1 for the first attempt
	Seed           Seed      `json:"seed"`
	StartedAt      time.Time `json:"started_at"`
	Deadline       time.Time `json:"deadline"`
	PassPercent    int       `json:"pass_percent"`
	Title          Text      `json:"title"`
	Sections       []Section `json:"sections"`
	Items          []Item    `json:"items"`
}

// Item is one drawn question with its options in display order.
type Item struct {
	QuestionID string   `json:"question_id"`
	Section    string   `json:"section"`
	Kind       string   `json:"kind"`
	Passage    *Text    `json:"passage,omitempty"`
	Text       Text     `json:"text"`
	Options    []Option `json:"options"`
}

// Start draws attempt attemptNo (1, 2, …) of a registration from bank b at
// now, with seed from NewSeed. The same arguments always give the same
// attempt, so the server may store only them and recompute. Each section
// contributes its draw of questions, sections in file order and questions
// shuffled within them; choice options are shuffled, likert options keep the
// order of their scale. The clock is read to the second: StartedAt is now
// truncated to a second and Deadline is StartedAt plus the time limit. Start
// does not check the retake rule: call Rules.CanRetake first.
func Start(b *Bank, registrationID string, attemptNo int, now time.Time, seed Seed) Attempt {
	r := newRNG(b, registrationID, attemptNo, seed)
	started := now.UTC().Truncate(time.Second)
	a := Attempt{
		Bank:           b.Name,
		BankVersion:    b.Version,
		RegistrationID: registrationID,
		No:             attemptNo,
		Seed:           seed,
		StartedAt:      started,
		Deadline:       started.Add(b.Rules.TimeLimit),
		PassPercent:    b.Rules.PassPercent,
		Title:          b.Title,
		Sections:       slices.Clone(b.Sections),
		Items:          make([]Item, 0, b.Rules.QuestionsPerAttempt),
	}
	for _, s := range b.Sections {
		a.Items = append(a.Items, drawSection(r, b, s)...)
	}
	return a
}

// drawSection draws s.Draw questions of section s in random order.
func drawSection(r *rng, b *Bank, s Section) []Item {
	var pool []*Question
	for i := range b.Questions {
		if b.Questions[i].Section == s.ID {
			pool = append(pool, &b.Questions[i])
		}
	}
	shuffle(r, pool)
	items := make([]Item, 0, s.Draw)
	for _, q := range pool[:min(s.Draw, len(pool))] {
		it := Item{QuestionID: q.ID, Section: q.Section, Kind: q.Kind, Passage: q.Passage, Text: q.Text,
			Options: slices.Clone(q.Options)}
		if q.Kind == KindChoice {
			shuffle(r, it.Options)
		}
		items = append(items, it)
	}
	return items
}

// section returns the section of the attempt with id, or nil.
func (a *Attempt) section(id string) *Section {
	for i := range a.Sections {
		if a.Sections[i].ID == id {
			return &a.Sections[i]
		}
	}
	return nil
}
