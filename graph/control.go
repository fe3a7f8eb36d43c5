package graph

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// Selection limits: a batch of commands is one request, and one on-demand
// read holds the meters' buses while it lasts.
const (
	MaxControlMeters = 2000
	MaxReadMeters    = 500
)

// selection is the meters a batch operation works on: the ids in order and
// the meters found among them (an id without a meter is not in meters).
type selection struct {
	ids    []int64
	meters map[int64]*voltpay.Meter
}

// selectMeters resolves meterIDs and the active meters of buildingID (the
// union of both) into at most max meters. Errors: INVALID_INPUT (nothing
// selected, too many), NOT_FOUND (the building), UNAVAILABLE.
func (r *Resolver) selectMeters(ctx context.Context, meterIDs []int64, buildingID *int64, max int) (*selection, error) {
	if len(meterIDs) == 0 && buildingID == nil {
		return nil, voltpay.Invalid("meterIds", "choose the meters: give meterIds, a buildingId, or both")
	}
	tooMany := func(n int) error {
		return voltpay.Invalid("meterIds", "%d or more meters selected; at most %d go in one call, so split the selection (by floor, for example)", n, max)
	}
	if len(meterIDs) > max {
		return nil, tooMany(len(meterIDs))
	}
	sel := &selection{meters: map[int64]*voltpay.Meter{}}
	if buildingID != nil {
		if err := r.buildingMeters(ctx, *buildingID, max, sel.meters); err != nil {
			return nil, err
		}
	}
	var unseen []int64
	for _, id := range meterIDs {
		if sel.meters[id] == nil {
			unseen = append(unseen, id)
		}
	}
	if len(unseen) > 0 {
		ms, err := r.MeterService.FindMetersByIDs(ctx, unseen)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			sel.meters[m.ID] = m
		}
	}
	seen := map[int64]bool{}
	for id := range sel.meters {
		seen[id] = true
	}
	for _, id := range meterIDs {
		seen[id] = true
	}
	if len(seen) > max {
		return nil, tooMany(len(seen))
	}
	for id := range seen {
		sel.ids = append(sel.ids, id)
	}
	slices.Sort(sel.ids)
	return sel, nil
}

// buildingMeters adds the active meters of building id to into, page by
// page, stopping once they are more than max.
func (r *Resolver) buildingMeters(ctx context.Context, id int64, max int, into map[int64]*voltpay.Meter) error {
	bs, err := r.SiteService.FindBuildingsByIDs(ctx, []int64{id})
	if err != nil {
		return err
	}
	if len(bs) == 0 {
		return voltpay.Errorf(voltpay.ENOTFOUND, "building %d not found; check the id", id)
	}
	active := voltpay.MeterActive
	f := voltpay.MeterFilter{BuildingID: &id, Status: &active, Page: voltpay.PageArgs{First: voltpay.MaxPageSize}}
	for {
		p, err := r.MeterService.FindMeters(ctx, f)
		if err != nil {
			return err
		}
		for _, m := range p.Items {
			into[m.ID] = m
		}
		if !p.HasNext || len(p.Items) == 0 || len(into) > max {
			return nil
		}
		f.Page.After = p.Items[len(p.Items)-1].ID
	}
}

// controlRequest is a checked controlMeters input.
type controlRequest struct {
	kind   string
	params []byte
	ttl    time.Duration
	key    string
}

// checkControl validates what a batch asks for, before any meter is
// looked at: a bad batch enqueues nothing. Errors: INVALID_INPUT.
func checkControl(in model.ControlMetersInput) (*controlRequest, error) {
	if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
		return nil, err
	}
	if !slices.Contains(voltpay.CommandKinds, in.Kind) {
		return nil, voltpay.Invalid("kind", "unknown command kind %q; use one of %v", in.Kind, voltpay.CommandKinds)
	}
	req := &controlRequest{kind: in.Kind, params: []byte("{}"), key: in.IdempotencyKey}
	switch {
	case in.Kind == voltpay.CmdCredit && in.AmountFen == nil:
		return nil, voltpay.Invalid("amountFen", "a credit needs amountFen, the credit to push in fen (10000 is 100 yuan)")
	case in.Kind == voltpay.CmdCredit && *in.AmountFen <= 0:
		return nil, voltpay.Invalid("amountFen", "the credit to push must be more than 0 fen, got %d", *in.AmountFen)
	case in.Kind == voltpay.CmdCredit:
		req.params = fmt.Appendf(nil, `{"amountFen":%d}`, *in.AmountFen)
	case in.AmountFen != nil:
		return nil, voltpay.Invalid("amountFen", "amountFen goes with kind credit only; leave it out for %s", in.Kind)
	}
	if in.TTLSeconds != nil {
		max := int(voltpay.MaxCommandTTL / time.Second)
		if *in.TTLSeconds < 1 || *in.TTLSeconds > max {
			return nil, voltpay.Invalid("ttlSeconds", "ttlSeconds must be between 1 and %d (7 days), got %d", max, *in.TTLSeconds)
		}
		req.ttl = time.Duration(*in.TTLSeconds) * time.Second
	}
	return req, nil
}

// controlMeters enqueues one command per selected meter under the key
// BatchCommandKey(batch, meter), so a retried batch finds its commands. A
// meter that cannot take the command gets its error in its result; only a
// failure of the platform itself (UNAVAILABLE, INTERNAL) fails the batch,
// whose retry is then safe.
func (r *Resolver) controlMeters(ctx context.Context, in model.ControlMetersInput) (*model.ControlMetersResult, error) {
	req, err := checkControl(in)
	if err != nil {
		return nil, err
	}
	sel, err := r.selectMeters(ctx, in.MeterIds, in.BuildingID, MaxControlMeters)
	if err != nil {
		return nil, err
	}
	if len(in.Statuses) > 0 {
		if err := sel.keepStatuses(ctx, in.Statuses); err != nil {
			return nil, err
		}
	}
	out := &model.ControlMetersResult{BatchKey: req.key, Results: make([]*model.ControlResult, 0, len(sel.ids))}
	for _, id := range sel.ids {
		res := &model.ControlResult{MeterID: id, Meter: sel.meters[id]}
		res.Command, err = r.enqueueFor(ctx, id, sel.meters[id], req)
		switch code := voltpay.ErrorCode(err); code {
		case "":
		case voltpay.EUNAVAILABLE, voltpay.EINTERNAL:
			return nil, err
		default:
			msg := voltpay.ErrorMessage(err)
			res.Error, res.Code = &msg, &code
		}
		out.Results = append(out.Results, res)
	}
	return out, nil
}

// enqueueFor enqueues req's command for meter id (m: nil when unknown).
func (r *Resolver) enqueueFor(ctx context.Context, id int64, m *voltpay.Meter, req *controlRequest) (*voltpay.Command, error) {
	if m == nil {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "meter %d not found; check the id", id)
	}
	if err := voltpay.CheckCommandMeter(m, req.kind); err != nil {
		return nil, err
	}
	return r.CommandService.EnqueueCommand(ctx, voltpay.CommandInput{MeterID: id, Kind: req.kind, Params: req.params,
		IdempotencyKey: voltpay.BatchCommandKey(req.key, id), TTL: req.ttl})
}

// readMeters reads the selected meters through the MeterReader. Meters
// that gave no reading are explained in errors; an error of another kind
// than NOT_FOUND or UNAVAILABLE (a bug, the database down) fails the call.
func (r *Resolver) readMeters(ctx context.Context, meterIDs []int64, buildingID *int64) (*model.ReadMetersResult, error) {
	if r.MeterReader == nil {
		return nil, voltpay.Errorf(voltpay.EUNAVAILABLE,
			"meters cannot be read on demand: this server does not run the meter poller (start it with VOLTPAY_POLLER=1)")
	}
	sel, err := r.selectMeters(ctx, meterIDs, buildingID, MaxReadMeters)
	if err != nil {
		return nil, err
	}
	out := &model.ReadMetersResult{Readings: []*voltpay.Reading{}, Errors: []string{}}
	var known []int64
	for _, id := range sel.ids {
		if sel.meters[id] == nil {
			out.Errors = append(out.Errors, fmt.Sprintf("meter %d not found; check the id", id))
			continue
		}
		known = append(known, id)
	}
	if len(known) == 0 {
		return out, nil
	}
	// The meters are not primed into the loader here: the read changes
	// them (online, relay, last read), and the answer must show that.
	rs, err := r.MeterReader.ReadMeters(ctx, known)
	for _, e := range leafErrors(err) {
		switch voltpay.ErrorCode(e) {
		case voltpay.ENOTFOUND, voltpay.EUNAVAILABLE:
			out.Errors = append(out.Errors, voltpay.ErrorMessage(e))
		default:
			return nil, err
		}
	}
	for _, r := range rs {
		if r != nil {
			out.Readings = append(out.Readings, r)
		}
	}
	return out, nil
}

// leafErrors flattens the errors.Join tree of err into its leaves.
func leafErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leafErrors(e)...)
		}
		return out
	}
	return []error{err}
}

// commands reads one page of commands of filter (nil: all).
func (r *Resolver) commands(ctx context.Context, filter *voltpay.CommandFilter, a pageArgs) (*model.CommandConnection, error) {
	c, err := listPage(ctx, "commands", filter, a, r.CommandService.FindCommands, commandID)
	if err == nil {
		prefetchCommands(ctx, c.Nodes)
	}
	return c, err
}

func commandID(c *voltpay.Command) int64 { return c.ID }

// meterCommands lists a meter's commands, to callers that may read the site
// only: tenants reach their meters but not the site's controls.
func (r *Resolver) meterCommands(ctx context.Context, m *voltpay.Meter, a pageArgs) (*model.CommandConnection, error) {
	if !voltpay.PrincipalFrom(ctx).Can(voltpay.PermReadSite) {
		return nil, voltpay.Errorf(voltpay.EFORBIDDEN, "a meter's commands are shown to callers with permission %s only", voltpay.PermReadSite)
	}
	return r.commands(ctx, &voltpay.CommandFilter{MeterID: &m.ID}, a)
}

// keepStatuses drops from the selection the known meters whose display
// status is none of statuses (unknown ids stay, to be reported). The
// meters' accounts are loaded in one query first.
func (s *selection) keepStatuses(ctx context.Context, statuses []string) error {
	ms := make([]*voltpay.Meter, 0, len(s.meters))
	for _, m := range s.meters {
		ms = append(ms, m)
	}
	prefetch(ctx, true, loaders(ctx).Account, ms, func(m *voltpay.Meter) *int64 { return m.AccountID })
	kept := s.ids[:0]
	for _, id := range s.ids {
		m := s.meters[id]
		if m == nil {
			kept = append(kept, id)
			continue
		}
		st, err := displayStatus(ctx, m)
		if err != nil {
			return err
		}
		if slices.Contains(statuses, st) {
			kept = append(kept, id)
		} else {
			delete(s.meters, id)
		}
	}
	s.ids = kept
	return nil
}
