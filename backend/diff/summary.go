package diff

import (
	"fmt"
	"strings"
)

// Summary counts what changed, naming sections by their heading.
type Summary struct {
	Added        []string `json:"added"`
	Removed      []string `json:"removed"`
	Changed      []string `json:"changed"`
	Moved        []string `json:"moved"`
	WordsAdded   int      `json:"wordsAdded"`
	WordsRemoved int      `json:"wordsRemoved"`
}

// PreambleName names the text before the first heading in summaries.
const PreambleName = "Introduction"

func displayHeading(h string) string {
	if h == "" {
		return PreambleName
	}
	return h
}

func summarize(changes []SectionChange) Summary {
	var s Summary
	for _, c := range changes {
		name := displayHeading(c.Heading)
		switch c.Kind {
		case Added:
			s.Added = append(s.Added, name)
		case Removed:
			s.Removed = append(s.Removed, name)
		case Changed:
			s.Changed = append(s.Changed, name)
		case Moved:
			s.Moved = append(s.Moved, name)
		}
		s.WordsAdded += c.WordsAdded
		s.WordsRemoved += c.WordsRemoved
	}
	return s
}

// maxNames bounds how many headings one part of the summary line lists.
const maxNames = 3

// String gives a one-line summary such as
// "2 sections changed (Data retention, Your choices), 1 added (AI training); +184/-12 words".
func (s Summary) String() string {
	var parts []string
	for _, p := range []struct {
		verb  string
		names []string
	}{
		{"changed", s.Changed}, {"added", s.Added}, {"removed", s.Removed}, {"moved", s.Moved},
	} {
		if len(p.names) == 0 {
			continue
		}
		count := fmt.Sprint(len(p.names))
		if len(parts) == 0 {
			if len(p.names) == 1 {
				count += " section"
			} else {
				count += " sections"
			}
		}
		parts = append(parts, fmt.Sprintf("%s %s (%s)", count, p.verb, listNames(p.names)))
	}
	words := fmt.Sprintf("+%d/-%d words", s.WordsAdded, s.WordsRemoved)
	if len(parts) == 0 {
		if s.WordsAdded == 0 && s.WordsRemoved == 0 {
			return "no changes to the text"
		}
		return words
	}
	return strings.Join(parts, ", ") + "; " + words
}

func listNames(names []string) string {
	if len(names) <= maxNames {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxNames], ", ") + fmt.Sprintf(" and %d more", len(names)-maxNames)
}
