package voltpay

import (
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultTimezone is the zone of a site created without one.
const DefaultTimezone = "Asia/Shanghai"

// Limits of site, building and gateway fields. The schema checks the same.
const (
	MaxNameLen       = 100 // names of sites, buildings, gateways, tariffs
	MaxFloors        = 200 // floor labels of one building
	MaxFloorLabelLen = 20
	MaxHostLen       = 253 // a DNS name
	MinPollInterval  = 60  // seconds
	MaxPollInterval  = 86400
	MaxMarkupCapPct  = 100   // percent over the grid price
	MaxServiceFeeBP  = 10000 // basis points: 100 % of the charge
	MaxGraceMinutes  = 10080 // a week
	MaxHolidays      = 60    // friendly holidays listed for one site
	MinutesPerDay    = 24 * 60
)

// DateLayout is how dates travel as text: "2026-10-01".
const DateLayout = "2006-01-02"

var (
	siteCodeRE = regexp.MustCompile(`^[A-Z0-9]{2,8}$`)
	hostnameRE = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$`)
)

// validName trims *s and checks it holds 1 to MaxNameLen characters.
func validName(field, what string, s *string) error {
	*s = strings.TrimSpace(*s)
	if n := len([]rune(*s)); n == 0 || n > MaxNameLen {
		return Invalid(field, "%s name is required and at most %d characters, got %d", what, MaxNameLen, n)
	}
	return nil
}

// Validate normalises a site (trims, upper-cases the code, defaults the time
// zone to Asia/Shanghai, the markup cap to DefaultMarkupCapPct) and returns
// INVALID_INPUT saying what to fix.
func (in *SiteInput) Validate() error {
	if err := validName("name", "a site", &in.Name); err != nil {
		return err
	}
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	if !siteCodeRE.MatchString(in.Code) {
		return Invalid("code", "site code %q must be 2 to 8 letters or digits, e.g. \"WD01\"; it starts account and receipt numbers", in.Code)
	}
	in.Timezone = strings.TrimSpace(in.Timezone)
	if in.Timezone == "" {
		in.Timezone = DefaultTimezone
	}
	if _, err := time.LoadLocation(in.Timezone); err != nil || in.Timezone == "Local" {
		return Invalid("timezone", "time zone %q is not an IANA zone name; use one like \"Asia/Shanghai\"", in.Timezone)
	}
	if in.GridPrice != nil && (*in.GridPrice <= 0 || *in.GridPrice > MaxPrice) {
		return Invalid("gridPrice", "the grid price must be above 0 and at most %s yuan/kWh, got %s; leave it empty when unknown", MaxPrice, *in.GridPrice)
	}
	if in.MarkupCapPct == nil {
		pct := DefaultMarkupCapPct
		in.MarkupCapPct = &pct
	}
	if *in.MarkupCapPct < 0 || *in.MarkupCapPct > MaxMarkupCapPct {
		return Invalid("markupCapPct", "the markup cap is a percentage from 0 to %d, got %d (the regulated default is %d)", MaxMarkupCapPct, *in.MarkupCapPct, DefaultMarkupCapPct)
	}
	if in.ServiceFeeBP < 0 || in.ServiceFeeBP > MaxServiceFeeBP {
		return Invalid("serviceFeeBp", "the service fee is in basis points from 0 to %d (150 is 1.5%%), got %d", MaxServiceFeeBP, in.ServiceFeeBP)
	}
	switch in.ServiceFeeOn {
	case "", FeeOnCharge, FeeOnSale:
	default:
		return Invalid("serviceFeeOn", "the service fee is taken on each charge or on each sale, got %q", in.ServiceFeeOn)
	}
	if in.OfficePhone = strings.TrimSpace(in.OfficePhone); in.OfficePhone != "" {
		phone, err := NormalizePhone("officePhone", in.OfficePhone)
		if err != nil {
			return err
		}
		in.OfficePhone = phone
	}
	return in.SiteControl.Validate()
}

// Validate normalises a site's grace and friendly periods (trims, sorts the
// holidays) and returns INVALID_INPUT saying what to fix.
func (c *SiteControl) Validate() error {
	if c.GraceFen < 0 {
		return Invalid("graceFen", "the grace amount is how far below zero (past the overdraft limit) a balance may fall before the trip, so 0 or more, got %d", c.GraceFen)
	}
	if c.GraceMinutes < 0 || c.GraceMinutes > MaxGraceMinutes {
		return Invalid("graceMinutes", "the grace time is 0 to %d minutes (a week), got %d", MaxGraceMinutes, c.GraceMinutes)
	}
	if err := validNight(c.FriendlyNightFrom, c.FriendlyNightTo); err != nil {
		return err
	}
	if len(c.FriendlyHolidays) > MaxHolidays {
		return Invalid("friendlyHolidays", "a site lists at most %d friendly holidays, got %d; drop past ones", MaxHolidays, len(c.FriendlyHolidays))
	}
	days := make([]string, len(c.FriendlyHolidays))
	for i, d := range c.FriendlyHolidays {
		if _, err := ParseDate("friendlyHolidays", strings.TrimSpace(d)); err != nil {
			return err
		}
		days[i] = strings.TrimSpace(d)
	}
	slices.Sort(days)
	for i := 1; i < len(days); i++ {
		if days[i] == days[i-1] {
			return Invalid("friendlyHolidays", "holiday %s is listed twice; list each date once", days[i])
		}
	}
	c.FriendlyHolidays = days
	return nil
}

// validNight accepts no night period, or one from and to minutes after
// midnight (0 to 1439) that differ.
func validNight(from, to *int) error {
	switch {
	case from == nil && to == nil:
		return nil
	case from == nil || to == nil:
		return Invalid("friendlyNightFrom", "give both the start and the end of the friendly night (minutes after midnight, e.g. 1320 and 480 for 22:00 to 08:00), or neither")
	}
	for _, m := range []struct {
		field string
		v     int
	}{{"friendlyNightFrom", *from}, {"friendlyNightTo", *to}} {
		if m.v < 0 || m.v >= MinutesPerDay {
			return Invalid(m.field, "the friendly night is given in minutes after midnight, 0 to %d (1320 is 22:00), got %d", MinutesPerDay-1, m.v)
		}
	}
	if *from == *to {
		return Invalid("friendlyNightTo", "the friendly night starts and ends at the same minute (%d); leave both empty for no night period", *from)
	}
	return nil
}

// Validate normalises a building (trims its name and floor labels) and returns
// INVALID_INPUT when the name is missing or too long, or when the floor labels
// are too many, empty, too long or repeated.
func (in *BuildingInput) Validate() error {
	if err := validName("name", "a building", &in.Name); err != nil {
		return err
	}
	if len(in.Floors) > MaxFloors {
		return Invalid("floors", "a building has at most %d floor labels, got %d", MaxFloors, len(in.Floors))
	}
	seen := make(map[string]bool, len(in.Floors))
	floors := make([]string, len(in.Floors))
	for i, f := range in.Floors {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
			return Invalid("floors", "floor label %d is empty; use labels like \"B1\", \"1F\", \"12F\"", i+1)
		case len([]rune(f)) > MaxFloorLabelLen:
			return Invalid("floors", "floor label %q is longer than %d characters", f, MaxFloorLabelLen)
		case seen[f]:
			return Invalid("floors", "floor label %q appears twice; each floor is listed once", f)
		}
		seen[f] = true
		floors[i] = f
	}
	in.Floors = floors
	return nil
}

// Validate normalises a gateway (trims, lower-cases the host, defaults the
// poll interval to DefaultPollInterval) and returns INVALID_INPUT saying
// what to fix. Use SplitEndpoint to get the host and port after it passed.
func (in *GatewayInput) Validate() error {
	if err := validName("name", "a gateway", &in.Name); err != nil {
		return err
	}
	host, port, err := SplitEndpoint("endpoint", in.Endpoint)
	if err != nil {
		return err
	}
	in.Endpoint = net.JoinHostPort(host, strconv.Itoa(port))
	if !contains(GatewayProtocols, in.Protocol) {
		return Invalid("protocol", "unknown gateway protocol %q; use one of %s", in.Protocol, strings.Join(GatewayProtocols, ", "))
	}
	in.ProxyURL = strings.TrimSpace(in.ProxyURL)
	if err := validateProxyURL(in.ProxyURL); err != nil {
		return err
	}
	switch {
	case in.PollIntervalSeconds == 0:
		in.PollIntervalSeconds = int(DefaultPollInterval / time.Second)
	case in.PollIntervalSeconds < MinPollInterval || in.PollIntervalSeconds > MaxPollInterval:
		return Invalid("pollIntervalSeconds", "poll interval must be %d to %d seconds (1 minute to 1 day), or 0 for the default %d, got %d",
			MinPollInterval, MaxPollInterval, int(DefaultPollInterval/time.Second), in.PollIntervalSeconds)
	}
	return nil
}

// SplitEndpoint parses "host:port" ("10.0.0.7:8899", "gw1.example.com:502",
// "[fe80::1]:502") into a lower-cased host and a port in 1..65535. It returns
// INVALID_INPUT naming field.
func SplitEndpoint(field, endpoint string) (host string, port int, err error) {
	endpoint = strings.TrimSpace(endpoint)
	h, p, err := net.SplitHostPort(endpoint)
	if err != nil {
		return "", 0, Invalid(field, "%q is not host:port; write it like \"192.168.1.20:8899\" or \"[fe80::1]:502\"", endpoint)
	}
	if err := validHost(field, h); err != nil {
		return "", 0, err
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 {
		return "", 0, Invalid(field, "port %q in %q must be a number from 1 to 65535", p, endpoint)
	}
	return strings.ToLower(h), n, nil
}

// validHost accepts an IP address or a DNS name of at most MaxHostLen characters.
func validHost(field, h string) error {
	switch {
	case h == "":
		return Invalid(field, "the host is missing; write host:port like \"192.168.1.20:8899\"")
	case len(h) > MaxHostLen:
		return Invalid(field, "host is longer than %d characters", MaxHostLen)
	case net.ParseIP(h) != nil || hostnameRE.MatchString(h):
		return nil
	}
	return Invalid(field, "host %q is neither an IP address nor a host name (letters, digits, '-' and '.')", h)
}

// validateProxyURL accepts "" or socks5://[user[:pass]@]host:port with nothing after the port.
func validateProxyURL(s string) error {
	if s == "" {
		return nil
	}
	const hint = "use socks5://host:port or socks5://user:password@host:port, or leave it empty for a direct connection"
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "socks5" || u.Opaque != "" {
		return Invalid("proxyUrl", "proxy URL %q is not a SOCKS5 URL; %s", redactURL(s), hint)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return Invalid("proxyUrl", "proxy URL %q has a path, query or fragment; %s", redactURL(s), hint)
	}
	if u.User != nil && u.User.Username() == "" {
		return Invalid("proxyUrl", "proxy URL %q has credentials without a user name; %s", redactURL(s), hint)
	}
	if _, _, err := SplitEndpoint("proxyUrl", u.Host); err != nil {
		return Invalid("proxyUrl", "proxy URL %q needs a host and a port 1-65535; %s", redactURL(s), hint)
	}
	return nil
}

// redactURL hides the password of a URL so error messages never echo it.
func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	if at := strings.LastIndex(s, "@"); at >= 0 {
		return "…" + s[at:]
	}
	return s
}
