package index

import (
	"math"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// features are what the model weighs about one candidate fact for one
// question, in the order of featureNames.
type features [numFeatures]float64

// The features, by position.
const (
	fCovText      = iota // weighted share of the question's words the fact's text holds
	fCovAsked            // ... that its example questions hold
	fCovAll              // ... that either holds
	fRelScore            // bleve's score over the best candidate's
	fMargin              // the lead over the next candidate, or the gap to the best
	fLogScore            // log of bleve's score
	fIntent              // 1 the fact has what the question's intent asks for (a date for "when")
	fIntentMiss          // 1 the question has an intent and the fact lacks what it asks for
	fNameMissing         // share of the question's names the fact lacks
	fPlaceMissing        // share of the question's places the fact lacks
	fYear                // 1 the fact tells of the year asked
	fYearMiss            // 1 the question asks of a year, and the fact tells of other years only
	fYearNone            // 1 the question asks of a year, and the fact tells of none
	fUnknown             // share of the question's weight in words the index lacks
	fMain                // a "what is" or "where is" question and the fact says what its project is
	fUnits               // log of the number of meaningful words
	fTypo                // share of the question's weight held only through typos
	fHeld                // log of the weight of the question's words the fact holds
	fMissing             // log of the weight of its words the fact lacks, everyday words aside
	fLead                // cov_all over the best cov_all of the other candidates
	fAttr                // share of the weight of the words other than names and places the fact holds
	fNoAttr              // 1 when the question has only names and places (and everyday words)
	fUnknownCap          // share of the question's weight in capitalised words the index lacks ("Uzbekistan")
	fExample             // the weighted share of the question the closest single example question holds
	fFigure              // 1 the question names a number the fact states ("What is the 420,000?")
	fClaim               // 1 the question states a figure to check, and the fact has one of that kind
	fNameFull            // log of the length of the longest of the fact's names the question gives in full
	fNamePart            // 1 the question gives words of the fact's names but none in full
	fRankP               // the rank model's probability (0 while ranking; for the answer model)
	fRankGap             // its lead over the next candidate's (likewise)
	numFeatures
)

// featureNames name the features, for the model's file and Explain.
var featureNames = [numFeatures]string{
	"cov_text", "cov_asked", "cov_all", "rel_score", "margin", "log_score", "intent", "intent_miss",
	"name_missing", "place_missing", "year", "year_miss", "year_none", "unknown", "main", "units", "typo",
	"held", "missing", "lead", "attr", "no_attr", "unknown_cap", "example", "figure", "claim", "name_full", "name_part", "rank_p", "rank_gap",
}

// credit is the share of a word's weight a match of this kind earns.
func (sc *Scoring) credit(how matchHow) float64 {
	switch how {
	case howSynonym:
		return sc.SynonymCredit
	case howTypo:
		return sc.TypoCredit
	}
	return 1
}

// featurize fills in every candidate's features. The candidates are in
// bleve's order, best first.
func (ix *Index) featurize(qs *question, units []unit, cs []candidate) {
	var total, names, places, unknown, attrs, unknownCap float64
	for _, u := range units {
		if !u.name && !u.place && !u.common {
			attrs += u.weight
		}
		if u.df == 0 && !u.name && !u.place && !u.typo && u.capital {
			unknownCap += u.weight
		}
		total += u.weight
		if u.name {
			names += u.weight
		}
		if u.place {
			places += u.weight
		}
		if u.df == 0 && !u.name && !u.place && !u.typo {
			unknown += u.weight
		}
	}
	if total == 0 {
		total = 1
	}
	for ci := range cs {
		c := &cs[ci]
		var f features
		var nameMiss, placeMiss, typo, heldW, missW, attrHeld float64
		byExample := map[uint64]float64{}
		year := 0.0
		for ui, u := range units {
			h := c.held[ui]
			cr := ix.sc.credit(h.how) * u.weight
			if h.text {
				f[fCovText] += cr
			}
			if h.asked {
				f[fCovAsked] += cr
				for _, e := range h.examples {
					byExample[e] += cr
				}
			}
			if !h.text && !h.asked && !u.common {
				missW += u.weight
			}
			if h.text || h.asked {
				f[fCovAll] += cr
				heldW += cr
				if !u.name && !u.place && !u.common {
					attrHeld += cr
				}
				if h.how == howTypo {
					typo += u.weight
				}
			}
			if h.text && hasDigit(u.word) && !hasLetter(u.word) && u.year == "" && u.df > 0 {
				f[fFigure] = 1
			}
			if u.name && !h.name && !h.text {
				nameMiss += u.weight
			}
			if u.place && !h.place && !h.text {
				placeMiss += u.weight
			}
			if u.year != "" {
				if h.when {
					year = max(year, 1)
				} else if year == 0 {
					year = -1
				}
			}
		}
		f[fCovText] /= total
		f[fCovAsked] /= total
		f[fCovAll] /= total
		f[fTypo] = typo / total
		if names > 0 {
			f[fNameMissing] = nameMiss / names
		}
		if places > 0 {
			f[fPlaceMissing] = placeMiss / places
		}
		f[fYear] = max(year, 0)
		if year < 0 {
			if len(factWhen(c.fact)) > 0 {
				f[fYearMiss] = 1
			} else {
				f[fYearNone] = 1
			}
		}
		top := cs[0].score
		f[fRelScore] = c.score / top
		switch {
		case ci == 0 && len(cs) > 1:
			f[fMargin] = (c.score - cs[1].score) / c.score
		case ci == 0:
			f[fMargin] = 1
		default:
			f[fMargin] = (c.score - top) / top
		}
		f[fLogScore] = math.Log1p(c.score)
		if qs.intent != IntentAny {
			// "What is the 420,000?" asks what a figure the fact states
			// stands for.
			if fits(qs.intent, c.fact) || qs.intent == IntentWhat && f[fFigure] > 0 {
				f[fIntent] = 1
			} else {
				f[fIntentMiss] = 1
			}
		}
		f[fUnknown] = unknown / total
		if c.fact.Main && (qs.intent == IntentWhat || qs.intent == IntentWhere || qs.intent == IntentAny) {
			f[fMain] = 1
		}
		f[fUnits] = math.Log1p(float64(len(units)))
		f[fHeld] = math.Log1p(heldW)
		f[fMissing] = math.Log1p(missW)
		if attrs > 0 {
			f[fAttr] = attrHeld / attrs
		} else {
			f[fAttr], f[fNoAttr] = 1, 1
		}
		f[fUnknownCap] = unknownCap / total
		if qs.check && check(qs, c.fact) != nil {
			f[fClaim] = 1
		}
		f[fNameFull] = math.Log1p(float64(c.named))
		if c.partly {
			f[fNamePart] = 1
		}
		for _, w := range byExample {
			f[fExample] = max(f[fExample], w/total)
		}
		c.f = f
	}
	for ci := range cs {
		other := 0.0
		for cj := range cs {
			if cj != ci {
				other = max(other, cs[cj].f[fCovAll])
			}
		}
		cs[ci].f[fLead] = cs[ci].f[fCovAll] - other
	}
}

// fits reports whether fact f has the kind of answer the intent asks for.
func fits(in Intent, f *knowledge.Fact) bool {
	has := func(kinds ...knowledge.FigureKind) bool {
		for _, fig := range f.Figures {
			for _, k := range kinds {
				if fig.Kind == k {
					return true
				}
			}
		}
		return false
	}
	switch in {
	case IntentCount:
		return has(knowledge.KindCount, knowledge.KindMoney)
	case IntentAmount:
		return has(knowledge.KindMoney, knowledge.KindMultiple, knowledge.KindCount, knowledge.KindPercent)
	case IntentMultiple:
		return has(knowledge.KindMultiple, knowledge.KindCount)
	case IntentPercent:
		return has(knowledge.KindPercent, knowledge.KindShare)
	case IntentLength:
		return has(knowledge.KindLength, knowledge.KindDuration)
	case IntentWhen:
		return f.Date != "" || has(knowledge.KindDate)
	case IntentWhere:
		return len(f.Places) > 0
	case IntentWho:
		return len(f.People) > 0 || len(f.Orgs) > 0
	case IntentWhat:
		// "What is X?": the fact that says what a project is, or a fact
		// that belongs to no project and so stands for itself.
		return f.Main || f.Project == ""
	}
	return false
}

// setRank fills in the rank features of candidates ranked best first,
// for the answer model.
func setRank(cs []candidate) {
	for i := range cs {
		cs[i].f[fRankP] = cs[i].p
		next := 0.0
		if i+1 < len(cs) {
			next = cs[i+1].p
		}
		if i > 0 {
			next = cs[0].p
		}
		cs[i].f[fRankGap] = cs[i].p - next
	}
}
