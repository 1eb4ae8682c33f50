package index

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Case is one labelled question: the facts whose cards answer it, none
// for a question the knowledge base cannot answer.
type Case struct {
	Q   string   `json:"q"`
	Tag string   `json:"tag"`
	IDs []string `json:"ids"`
}

// InScope reports whether the case has an answer.
func (c Case) InScope() bool { return len(c.IDs) > 0 }

// ReadCases reads a question set, one JSON Case per line.
func ReadCases(r io.Reader) ([]Case, error) {
	var out []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if strings.HasPrefix(c.Tag, "oos") {
			c.IDs = nil
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// FitReport says how a model was fitted and how well it did on
// questions it was not fitted on (k-fold cross-validation).
type FitReport struct {
	Sets       []string `json:"sets"`
	Questions  int      `json:"questions"`
	InScope    int      `json:"in_scope"`
	OutOfScope int      `json:"out_of_scope"`
	Folds      int      `json:"folds"`
	// Cross-validated, at the chosen thresholds: Right is the share of
	// in-scope questions answered with a right fact first (the recall);
	// Precision the share of answered questions whose first fact is
	// right; Declined the share of out-of-scope questions declined;
	// ConfidentPrecision the precision of the confident answers alone.
	Right              float64 `json:"right"`
	Precision          float64 `json:"precision"`
	Declined           float64 `json:"declined"`
	ConfidentPrecision float64 `json:"confident_precision"`
	// RightFirst is the share of in-scope questions whose best-ranked
	// fact is right, whatever the threshold.
	RightFirst float64 `json:"right_first"`
}

func (r *FitReport) String() string {
	return fmt.Sprintf("%d questions (%d in scope, %d out of scope), %d-fold cross-validation:\n"+
		"  in scope right first %.1f%% (ranked first %.1f%%), out of scope declined %.1f%%\n"+
		"  precision of answers %.1f%%, of confident answers %.1f%%",
		r.Questions, r.InScope, r.OutOfScope, r.Folds, 100*r.Right, 100*r.RightFirst, 100*r.Declined,
		100*r.Precision, 100*r.ConfidentPrecision)
}

// Training targets: the confident threshold is the lowest at which
// cross-validated answers are right this often.
const (
	trainFolds      = 5
	confidentTarget = 0.95
	// Ridge penalties on the standardised weights: of the features, and
	// of the products of pairs, which are many and each weak, so held
	// closer to nothing.
	featureL2        = 0.5
	pairL2           = 30
	newtonIterations = 30
)

// example is one candidate of one training question.
type example struct {
	q     int // the question's position
	f     features
	right bool
	// For a question's best-ranked candidate (tops): whether it is right
	// itself, and the share of the rank probability of the first few it
	// holds.
	first bool
	share float64
}

// Train fits the model of start's Scoring to labelled cases over base:
// it computes every candidate's features with start's retrieval weights,
// fits a logistic regression, chooses the hedged and confident
// thresholds, and reports cross-validated figures.
func Train(ctx context.Context, base *knowledge.Base, cases []Case, start Scoring, sets []string) (Scoring, error) {
	ix, err := Build(base, WithScoring(start))
	if err != nil {
		return start, err
	}
	defer ix.Close()
	var exs []example
	for qi, c := range cases {
		cs, err := ix.trainCandidates(ctx, c.Q)
		if err != nil {
			return start, err
		}
		for _, cd := range cs {
			exs = append(exs, example{q: qi, f: cd.f, right: slices.Contains(c.IDs, cd.fact.ID)})
		}
	}
	fold := func(qi int) int {
		h := fnv.New32a()
		h.Write([]byte(cases[qi].Q))
		return int(h.Sum32() % trainFolds)
	}
	// Cross-validation: for each fold, the rank model is fitted on the
	// other folds' candidates, and the answer model on the other folds'
	// best-ranked candidates; each question of the fold is then ranked
	// and judged by models that never saw it.
	type outcome struct {
		p     float64 // the answer model's confidence in the best-ranked candidate
		right bool    // the best-ranked candidate is right
		share float64 // the share of the rank probability it holds
	}
	best := make([]outcome, len(cases))
	for i := range best {
		best[i].p = -1
	}
	// SILKROAD_TRAIN_FEATURES names a file to write, for trying other
	// models, each question's cross-validated best-ranked candidate: the
	// question, its fold, in scope, first right, right among the first
	// hedges+1, the answer model's p, and the features.
	var dumpF *os.File
	if path := os.Getenv("SILKROAD_TRAIN_FEATURES"); path != "" {
		dumpF, _ = os.Create(path)
		defer dumpF.Close()
	}
	for k := 0; k < trainFolds; k++ {
		var train []example
		for _, e := range exs {
			if fold(e.q) != k {
				train = append(train, e)
			}
		}
		rank := fit(train, rankPairs())
		answer := fit(tops(train, &rank), answerPairs())
		for _, e := range tops(exs, &rank) {
			if fold(e.q) == k {
				best[e.q] = outcome{answer.prob(&e.f), e.first, e.share}
				if dumpF != nil {
					fmt.Fprintf(dumpF, "%d\t%d\t%v\t%v\t%v\t%.4f", e.q, k, cases[e.q].InScope(), e.first, e.right, answer.prob(&e.f))
					for _, v := range e.f {
						fmt.Fprintf(dumpF, "\t%.5f", v)
					}
					fmt.Fprintln(dumpF)
				}
			}
		}
	}
	if path := os.Getenv("SILKROAD_TRAIN_DUMP"); path != "" {
		var b strings.Builder
		for qi, c := range cases {
			fmt.Fprintf(&b, "%.3f\t%v\t%v\t%s\t%s\n", best[qi].p, c.InScope(), best[qi].right, c.Tag, c.Q)
		}
		os.WriteFile(path, []byte(b.String()), 0o644)
	}
	rep := &FitReport{Sets: sets, Questions: len(cases), Folds: trainFolds}
	for _, c := range cases {
		if c.InScope() {
			rep.InScope++
		} else {
			rep.OutOfScope++
		}
	}
	// The hedged threshold balances the two errors: it is where the
	// share of in-scope questions answered right and the share of
	// out-of-scope questions declined are nearest, the best of the
	// lesser of the two (the mean of the two is flat over a wide range
	// of thresholds, and its best swings from one end of it to the other
	// as the data change; the crossing moves little).
	score := func(t float64) (right, declined, precision float64) {
		var r, d, answered, answeredRight float64
		for qi, c := range cases {
			o := best[qi]
			if o.p >= t {
				answered++
				if o.right {
					answeredRight++
				}
			}
			if c.InScope() && o.p >= t && o.right {
				r++
			}
			if !c.InScope() && o.p < t {
				d++
			}
		}
		return r / math.Max(float64(rep.InScope), 1), d / math.Max(float64(rep.OutOfScope), 1), answeredRight / math.Max(answered, 1)
	}
	var ps []float64
	for _, o := range best {
		if o.p >= 0 {
			ps = append(ps, o.p)
		}
	}
	sort.Float64s(ps)
	hedged, bestMin := 0.5, -1.0
	for _, t := range ps {
		r, d, _ := score(t)
		if m := min(r, d); m > bestMin {
			hedged, bestMin = t, m
		}
	}
	// An answer is confident rather than hedged from the least confidence
	// at which the answered questions' first facts are right
	// confidentTarget of the time.
	confident := 1.0
	for i := len(ps) - 1; i >= 0; i-- {
		t := ps[i]
		if t < hedged {
			break
		}
		if _, _, prec := score(t); prec >= confidentTarget {
			confident = t
		}
	}
	rep.Right, rep.Declined, rep.Precision = score(hedged)
	_, _, rep.ConfidentPrecision = score(confident)
	var first float64
	for qi, c := range cases {
		if c.InScope() && best[qi].right {
			first++
		}
	}
	rep.RightFirst = first / math.Max(float64(rep.InScope), 1)

	out := start
	out.Rank = fit(exs, rankPairs())
	out.Answer = fit(tops(exs, &out.Rank), answerPairs())
	out.Hedged, out.Confident = round4(hedged), round4(confident)
	out.Fit = rep
	return out, nil
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// tops returns each question's best-ranked candidate by the rank model,
// with its rank features set, labelled right when a right fact is among
// the first hedges+1 (the card and the buttons of a hedged answer), and
// the share of the rank probability of those the first holds.
func tops(exs []example, rank *Model) []example {
	byQ := map[int][]int{}
	var order []int
	ps := make([]float64, len(exs))
	for i := range exs {
		ps[i] = rank.prob(&exs[i].f)
		if _, ok := byQ[exs[i].q]; !ok {
			order = append(order, exs[i].q)
		}
		byQ[exs[i].q] = append(byQ[exs[i].q], i)
	}
	out := make([]example, 0, len(order))
	for _, q := range order {
		is := byQ[q]
		slices.SortStableFunc(is, func(a, b int) int { return cmp.Compare(ps[b], ps[a]) })
		e := exs[is[0]]
		e.f[fRankP] = ps[is[0]]
		if len(is) > 1 {
			e.f[fRankGap] = ps[is[0]] - ps[is[1]]
		} else {
			e.f[fRankGap] = ps[is[0]]
		}
		e.first = e.right
		var sum float64
		for _, k := range is[:min(len(is), hedges+1)] {
			e.right = e.right || exs[k].right
			sum += ps[k]
		}
		e.share = ps[is[0]] / max(sum, 1e-9)
		out = append(out, e)
	}
	return out
}

// trainCandidates are the featurised candidates of question q, as Ask
// would weigh them for a chat with no topic.
func (ix *Index) trainCandidates(ctx context.Context, q string) ([]candidate, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	qs := ix.read(ctx, r, q, "")
	cs, err := ix.candidates(ctx, r, qs, qs.units, ix.sc.Candidates)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	ix.featurize(qs, qs.units, cs)
	return cs, nil
}

// fit fits a logistic regression with a ridge penalty to the
// examples, by Newton's method on standardised inputs: the features, and
// the products of the pairs given.
func fit(exs []example, pairs [][2]int) Model {
	m := Model{Features: featureNames[:], Pairs: pairs}
	d := m.inputs()
	m.Weights, m.Mean, m.Scale = make([]float64, d), make([]float64, d), make([]float64, d)
	n := float64(len(exs))
	raw := make([][]float64, len(exs))
	for k := range exs {
		raw[k] = m.expand(&exs[k].f)
		for i, v := range raw[k] {
			m.Mean[i] += v / max(n, 1)
		}
	}
	for k := range raw {
		for i, v := range raw[k] {
			m.Scale[i] += (v - m.Mean[i]) * (v - m.Mean[i]) / n
		}
	}
	for i := range m.Scale {
		m.Scale[i] = math.Sqrt(m.Scale[i])
		if m.Scale[i] < 1e-9 {
			m.Scale[i] = 1
		}
	}
	if n == 0 {
		return m
	}
	x := make([][]float64, len(exs))
	y := make([]float64, len(exs))
	for k := range raw {
		x[k] = make([]float64, d+1) // the inputs, then the bias
		for i, v := range raw[k] {
			x[k][i] = (v - m.Mean[i]) / m.Scale[i]
		}
		x[k][d] = 1
		if exs[k].right {
			y[k] = 1
		}
	}
	w := make([]float64, d+1)
	for it := 0; it < newtonIterations; it++ {
		g := make([]float64, d+1)
		h := make([][]float64, d+1)
		for i := range h {
			h[i] = make([]float64, d+1)
		}
		for k := range x {
			z := 0.0
			for i := range w {
				z += w[i] * x[k][i]
			}
			p := 1 / (1 + math.Exp(-z))
			for i := range w {
				g[i] += (p - y[k]) * x[k][i]
				pi := p * (1 - p) * x[k][i]
				for j := i; j < len(w); j++ {
					h[i][j] += pi * x[k][j]
				}
			}
		}
		for i := range h {
			for j := 0; j < i; j++ {
				h[i][j] = h[j][i]
			}
		}
		for i := 0; i < d; i++ {
			l2 := featureL2
			if i >= numFeatures {
				l2 = pairL2
			}
			g[i] += l2 * w[i]
			h[i][i] += l2
		}
		h[d][d] += 1e-6
		step := solve(h, g)
		change := 0.0
		for i := range w {
			w[i] -= step[i]
			change = math.Max(change, math.Abs(step[i]))
		}
		if change < 1e-8 {
			break
		}
	}
	for i := 0; i < d; i++ {
		m.Weights[i] = round6(w[i])
		m.Mean[i] = round6(m.Mean[i])
		m.Scale[i] = round6(m.Scale[i])
	}
	m.Bias = round6(w[d])
	return m
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// solve solves h·s = g by Gaussian elimination with partial pivoting.
// It changes h and g.
func solve(h [][]float64, g []float64) []float64 {
	d := len(g)
	for c := 0; c < d; c++ {
		p := c
		for r := c + 1; r < d; r++ {
			if math.Abs(h[r][c]) > math.Abs(h[p][c]) {
				p = r
			}
		}
		h[c], h[p] = h[p], h[c]
		g[c], g[p] = g[p], g[c]
		if math.Abs(h[c][c]) < 1e-12 {
			continue
		}
		for r := c + 1; r < d; r++ {
			f := h[r][c] / h[c][c]
			for k := c; k < d; k++ {
				h[r][k] -= f * h[c][k]
			}
			g[r] -= f * g[c]
		}
	}
	s := make([]float64, d)
	for c := d - 1; c >= 0; c-- {
		if math.Abs(h[c][c]) < 1e-12 {
			continue
		}
		v := g[c]
		for k := c + 1; k < d; k++ {
			v -= h[c][k] * s[k]
		}
		s[c] = v / h[c][c]
	}
	return s
}
