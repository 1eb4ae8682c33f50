// Package knowledge holds silkroad's curated facts about Kazakhstan–China
// cooperation: facts, figures, project cards and the timeline, loaded from
// the embedded data files and validated before anything else uses them.
package knowledge

// Category groups facts and projects the way the source article does.
type Category string

// The known categories. A data file naming any other category is rejected.
const (
	CatInitiative     Category = "initiative"     // global results and origins of the Belt and Road
	CatTransit        Category = "transit"        // Kazakhstan's transit role, routes and spending
	CatDiplomacy      Category = "diplomacy"      // the leaders' meetings and agreements
	CatInfrastructure Category = "infrastructure" // corridors, dry ports, logistics bases
	CatEnergy         Category = "energy"         // oil, gas, power and wind
	CatTrade          Category = "trade"          // trade and agriculture
	CatTechnology     Category = "technology"     // vehicles, telecoms, data centres, IT
	CatFinance        Category = "finance"        // banks and payment cards
	CatEducation      Category = "education"      // universities, workshops, institutes
	CatCulture        Category = "culture"        // arts, film, books, exhibitions
)

// Categories lists every known category in display order.
var Categories = []Category{
	CatInitiative, CatTransit, CatDiplomacy, CatInfrastructure, CatEnergy,
	CatTrade, CatTechnology, CatFinance, CatEducation, CatCulture,
}

// Known reports whether c is one of Categories.
func (c Category) Known() bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// FigureKind says what sort of quantity a figure is, so that a question
// such as "how many" or "when" can prefer facts with a figure of that kind.
type FigureKind string

// The known figure kinds.
const (
	KindCount    FigureKind = "count"    // a number of things: 3,500 outlets
	KindMoney    FigureKind = "money"    // an amount of money: 35 billion USD
	KindPercent  FigureKind = "percent"  // a percentage: 85%
	KindLength   FigureKind = "length"   // a distance: 8,445 km
	KindDate     FigureKind = "date"     // a year or day: 2013
	KindMultiple FigureKind = "multiple" // a growth factor: 70-fold
	KindShare    FigureKind = "share"    // a fraction: two thirds
	KindDuration FigureKind = "duration" // a span of time: 30 years
)

// FigureKinds lists every known figure kind.
var FigureKinds = []FigureKind{KindCount, KindMoney, KindPercent, KindLength, KindDate, KindMultiple, KindShare, KindDuration}

// Figure is one number the article states.
type Figure struct {
	// Value is the number as written in the data, without separators:
	// "8445", "3.6e6", "0.6667"; for kind date, "2013", "2013-09" or
	// "2022-11-15". Validate checks that it parses.
	Value string `json:"value"`
	// Unit is the unit of Value: "km", "usd", "percent", "times", "years",
	// or empty for a plain count.
	Unit string `json:"unit,omitempty"`
	// Measure says in English what the number counts: "commercial outlets".
	Measure string `json:"measure"`
	// Kind is the sort of quantity.
	Kind FigureKind `json:"kind"`
	// Approx qualifies the value as the article does: "over", "nearly",
	// "about", "hundreds of", or empty when exact.
	Approx string `json:"approx,omitempty"`
	// Display is the figure as a reader sees it in English: "8,445 km".
	Display string `json:"display"`
	// Headline marks the numbers /figures shows: the article's headline
	// counts, sums, shares and lengths, not its dates or vague "hundreds
	// of".
	Headline bool `json:"headline,omitempty"`
}

// Localized is the translated text of a fact in one language.
type Localized struct {
	Title   string   `json:"title"`
	Text    string   `json:"text"`
	Aliases []string `json:"aliases,omitempty"`
	Figures []string `json:"figures,omitempty"` // Display of each figure, same order as Fact.Figures
	// Measures says what each figure measures, same order as
	// Fact.Figures: "торговых точек" for "commercial outlets".
	Measures []string `json:"measures,omitempty"`
	Places   []string `json:"places,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	// TitleSpans and TextSpans are where Title and Text state the
	// fact's figures; see Span.
	TitleSpans []Span `json:"-"`
	TextSpans  []Span `json:"-"`
}

// Fact is one statement of the article, restated in silkroad's words.
type Fact struct {
	ID       string   `json:"id"`
	Category Category `json:"category"`
	Title    string   `json:"title"`
	Text     string   `json:"text"`
	Figures  []Figure `json:"figures,omitempty"`
	// Date is the fact's date or period: "2013-09", "2022-11-15",
	// or a period "2023-09-25/2023-10-12". Empty when the fact has none.
	Date    string   `json:"date,omitempty"`
	Places  []string `json:"places,omitempty"`
	Orgs    []string `json:"orgs,omitempty"`
	People  []string `json:"people,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	// Keywords are words a reader might use for this fact that its text
	// does not contain: "shops" for "commercial outlets".
	Keywords []string `json:"keywords,omitempty"`
	Related  []string `json:"related,omitempty"`
	// Project is the id of the project card this fact belongs to, if any.
	Project string `json:"project,omitempty"`
	// Section is the heading of the article section the fact comes from.
	Section string `json:"section"`
	// I18n holds the fact in the other languages, keyed by language code.
	I18n map[string]Localized `json:"i18n,omitempty"`
	// Examples are questions people ask that this fact answers, keyed by
	// language code, from examples/<lang>.json: how the fact is asked
	// about, in everyday words rather than the article's.
	Examples map[string][]string `json:"examples,omitempty"`
	// Main is set by Load on the first fact of each project card: the
	// one that says what the project is.
	Main bool `json:"-"`
	// TitleSpans and TextSpans are where Title and Text state the
	// fact's figures, from the markers Load removed from them; see Span.
	TitleSpans []Span `json:"-"`
	TextSpans  []Span `json:"-"`
}

// Place is a named location, with coordinates when it is a physical place.
type Place struct {
	Name string   `json:"name"`
	Lat  *float64 `json:"lat,omitempty"`
	Lon  *float64 `json:"lon,omitempty"`
}

// ProjectText is a project card's translated text in one language.
type ProjectText struct {
	Name    string   `json:"name"`
	Summary string   `json:"summary"`
	Aliases []string `json:"aliases,omitempty"`
	Places  []string `json:"places,omitempty"` // names of Places, same order
	// SummarySpans are where Summary states figures of the project's
	// facts; see Span.
	SummarySpans []Span `json:"-"`
}

// Project is a card for one named project: what it is, its figures and
// facts, and where it is.
type Project struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Category Category `json:"category"`
	Summary  string   `json:"summary"`
	Facts    []string `json:"facts"`
	Places   []Place  `json:"places,omitempty"`
	Aliases  []string `json:"aliases,omitempty"`
	// I18n holds the card in the other languages, keyed by language code.
	I18n map[string]ProjectText `json:"i18n,omitempty"`
	// SummarySpans are where Summary states figures of the project's
	// facts, from the markers Load removed from it; see Span.
	SummarySpans []Span `json:"-"`
}
