package onlinetest

import (
	"errors"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// answersFor answers every item of a: correct choice answers for the first
// right choice items and wrong ones after, and likert option likert.
func answersFor(a Attempt, right, likert int) []Answer {
	var out []Answer
	for _, it := range a.Items {
		opt := likert
		if it.Kind == KindChoice {
			for i, o := range it.Options {
				if o.Correct == (right > 0) {
					opt = i
					break
				}
			}
			right--
		}
		out = append(out, Answer{QuestionID: it.QuestionID, Option: opt})
	}
	return out
}

func TestScore(t *testing.T) {
	t.Parallel()
	b := MustParse(t, smallBank) // 2 scored choice items, 1 unscored likert; pass 50%
	a := Start(b, "reg-1", 1, t0, testSeed(1))
	tests := []struct {
		name        string
		answers     []Answer
		points      int
		percent     int
		passed      bool
		likertPts   int
		answeredAll int
	}{
		{"OKAllRight", answersFor(a, 2, 1), 2, 100, true, 2, 3},
		{"OKHalfIsPass", answersFor(a, 1, 0), 1, 50, true, 0, 3},
		{"OKNoneRight", answersFor(a, 0, 1), 0, 0, false, 2, 3},
		{"OKNoAnswers", nil, 0, 0, false, 0, 0},
		{"OKOnlyOneAnswered", answersFor(a, 2, 1)[:1], 1, 50, true, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := Score(a, tt.answers, t0.Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if res.Points != tt.points || res.Possible != 2 || res.Percent != tt.percent ||
				res.Passed != tt.passed || res.Answered != tt.answeredAll {
				t.Errorf("result = %+v, want points %d/2, %d%%, passed %v, answered %d",
					res, tt.points, tt.percent, tt.passed, tt.answeredAll)
			}
			if len(res.Sections) != 2 || res.Sections[1].ID != "motif" || res.Sections[1].Scored ||
				res.Sections[1].Points != tt.likertPts || res.Sections[1].Possible != 2 {
				t.Errorf("sections = %+v, want motif unscored with %d/2", res.Sections, tt.likertPts)
			}
		})
	}
}

func TestScoreBuiltinPassMark(t *testing.T) {
	t.Parallel()
	a := Start(Builtin(), "reg-1", 1, t0, testSeed(9)) // 14 scored points possible; 60% = 8.4
	for right, passed := range map[int]bool{0: false, 8: false, 9: true, 14: true} {
		res, err := Score(a, answersFor(a, right, 4), t0)
		if err != nil {
			t.Fatal(err)
		}
		if res.Points != right || res.Possible != 14 || res.Passed != passed {
			t.Errorf("%d right: %+v, want passed %v", right, res, passed)
		}
	}
}

func TestScoreDeadline(t *testing.T) {
	t.Parallel()
	a := Start(MustParse(t, smallBank), "reg-1", 1, t0, testSeed(1)) // 10 minutes
	tests := []struct {
		name string
		at   time.Time
		ok   bool
	}{
		{"OKOneSecondBefore", t0.Add(10*time.Minute - time.Second), true},
		{"OKAtDeadline", t0.Add(10 * time.Minute), true},
		{"ErrOneNanosecondAfter", t0.Add(10*time.Minute + 1), false},
		{"ErrOneSecondAfter", t0.Add(10*time.Minute + time.Second), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Score(a, answersFor(a, 2, 1), tt.at)
			if tt.ok && err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			if !tt.ok && (!errors.Is(err, ErrDeadlinePassed) || prakerja.ErrorCode(err) != prakerja.CodeConflict) {
				t.Fatalf("err = %v, want ErrDeadlinePassed (conflict)", err)
			}
		})
	}
}

func TestScoreBadAnswers(t *testing.T) {
	t.Parallel()
	a := Start(MustParse(t, smallBank), "reg-1", 1, t0, testSeed(1))
	good := answersFor(a, 2, 1)
	tests := []struct {
		name    string
		answers []Answer
		field   string
		code    prakerja.Code
	}{
		{"ErrUnknownQuestion", []Answer{{QuestionID: "nope", Option: 0}}, "answers[0].question_id", prakerja.CodeBadValue},
		{"ErrQuestionNotDrawn", []Answer{good[0], {QuestionID: notDrawn(a), Option: 0}}, "answers[1].question_id", prakerja.CodeBadValue},
		{"ErrTwice", []Answer{good[0], good[1], good[0]}, "answers[2].question_id", prakerja.CodeBadValue},
		{"ErrOptionNegative", []Answer{{QuestionID: good[0].QuestionID, Option: -1}}, "answers[0].option", prakerja.CodeBadValue},
		{"ErrOptionOver", []Answer{{QuestionID: good[0].QuestionID, Option: 6}}, "answers[0].option", prakerja.CodeBadValue},
		{"ErrTooMany", append(good, good...), "answers", prakerja.CodeTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Score(a, tt.answers, t0)
			if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
				t.Fatalf("err = %v, want code invalid", err)
			}
			fields := prakerja.ErrorFields(err)
			if len(fields) != 1 || fields[0].Field != tt.field || fields[0].Code != tt.code {
				t.Errorf("fields = %+v, want one on %s with %s", fields, tt.field, tt.code)
			}
		})
	}
}

// notDrawn returns the id of a question of the small bank that a did not draw.
func notDrawn(a Attempt) string {
	in := map[string]bool{}
	for _, it := range a.Items {
		in[it.QuestionID] = true
	}
	for _, id := range []string{"h1", "h2", "h3"} {
		if !in[id] {
			return id
		}
	}
	panic("all questions drawn")
}
