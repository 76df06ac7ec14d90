// Package onlinetest is the basic-ability and motivation test ("Tes
// Motivasi & Kemampuan Dasar", DOMAIN §2.3, requirement 7) that a registrant
// must pass before joining a wave. It is a gate, not a ranking: selection is
// random among the eligible (DOMAIN §4.1), so the test only has a pass mark.
//
// The package is pure domain: a question bank read from a YAML file (Parse;
// one bank is built in, see Builtin), an attempt drawn from it (Start), its
// scoring on the server (Score) and the retake rule (Rules.CanRetake).
// Storage and HTTP are the caller's. Time is always passed in, never read.
//
// # File format
//
// A bank file is one YAML document: lists and sections in block style, a
// text in both languages as a short flow mapping, no anchors, aliases, tags
// or merge keys (an alias can blow a small file up). Every key is required
// unless marked optional. Limits are the constants below (FileSizeMax, …).
//
//	name: "dasar-2020"           # ASCII identifier of the bank, stored with each attempt
//	version: 1                   # bumped on any change, so old attempts stay explainable
//	title: {id: "…", en: "…"}    # shown above the test
//	rules:
//	  questions_per_attempt: 20  # must equal the sum of the sections' draw
//	  time_limit: 30m            # Go duration, 1m to 3h
//	  pass_percent: 60           # pass when points ≥ pass_percent % of the possible points of scored sections
//	  attempts_max: 3            # attempts in all, 1 to 10
//	  retake_wait: 24h           # from the end of one failed attempt to the start of the next, 0 to 2160h
//	sections:
//	  - id: numerasi             # ASCII identifier
//	    title: {id: "…", en: "…"}
//	    draw: 8                  # questions drawn from this section per attempt
//	    scored: true             # false: answers are kept and reported but do not count toward passing
//	questions:
//	  - id: num-01               # ASCII identifier, unique in the bank, never reused for another question
//	    section: numerasi
//	    kind: choice             # choice (one correct option) or likert (each option has points)
//	    passage: {id: "…", en: "…"}   # optional: a text to read before the question
//	    text: {id: "…", en: "…"}
//	    options:
//	      - text: {id: "…", en: "…"}
//	        correct: true        # choice: exactly one option; likert: never
//	      - text: {id: "…", en: "…"}
//	        points: 4            # likert: every option, 0 to 10; choice: never
//
// # Scoring
//
// A choice question is worth 1 point, earned by its correct option. A likert
// question is worth the highest points among its options and earns the points
// of the chosen one; its options are shown in file order (a scale shuffled
// loses its meaning), where choice options are shuffled per attempt. An
// unanswered question earns 0. The built-in bank's motivation section is
// likert and unscored: a self-report is easy to game and the real programme
// used the test as a gate of ability, so motivation is recorded for reports
// but does not decide the pass.
package onlinetest
