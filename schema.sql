-- Voltpay database schema: the single source of truth, applied at every start
-- inside one transaction under an advisory lock (see server/postgres/migrate.go).
-- Every statement is idempotent. Grow it by appending; bump SchemaVersion in
-- schema.go when you do.
--
-- Units: money BIGINT fen, energy BIGINT Wh, prices BIGINT 1/10000 yuan per kWh,
-- times timestamptz, states TEXT with CHECK.

CREATE TABLE IF NOT EXISTS schema_version (
    version    INT PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Sites, buildings, gateways --------------------------------------------------

CREATE TABLE IF NOT EXISTS sites (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    code       TEXT NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,8}$'),
    timezone   TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS buildings (
    id         BIGSERIAL PRIMARY KEY,
    site_id    BIGINT NOT NULL REFERENCES sites (id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    floors     TEXT[] NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, name)
);

CREATE TABLE IF NOT EXISTS gateways (
    id                    BIGSERIAL PRIMARY KEY,
    site_id               BIGINT NOT NULL REFERENCES sites (id),
    building_id           BIGINT REFERENCES buildings (id),
    name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    host                  TEXT NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
    port                  INT NOT NULL CHECK (port BETWEEN 1 AND 65535),
    protocol              TEXT NOT NULL CHECK (protocol IN ('dlt645', 'modbus_rtu', 'modbus_tcp')),
    proxy_url             TEXT NOT NULL DEFAULT '' CHECK (proxy_url = '' OR proxy_url LIKE 'socks5://%'),
    poll_interval_seconds INT NOT NULL DEFAULT 1800 CHECK (poll_interval_seconds BETWEEN 60 AND 86400),
    online                BOOLEAN NOT NULL DEFAULT false,
    last_seen_at          TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, name),
    UNIQUE (host, port)
);

-- Markup check and service fee (issue 4 item 1): grid_price is the grid's flat-period price
-- the site buys at (NULL: unknown, its tariffs are not checked); no tariff price of the site
-- may exceed grid_price × (100 + markup_cap_pct)/100 (voltpay.TariffInput.CheckMarkup).
-- service_fee_bp is the fee the site adds on each charge, in basis points.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS grid_price BIGINT CHECK (grid_price > 0 AND grid_price <= 1000000);
ALTER TABLE sites ADD COLUMN IF NOT EXISTS markup_cap_pct INT NOT NULL DEFAULT 15
    CHECK (markup_cap_pct BETWEEN 0 AND 100);
ALTER TABLE sites ADD COLUMN IF NOT EXISTS service_fee_bp INT NOT NULL DEFAULT 0
    CHECK (service_fee_bp BETWEEN 0 AND 10000);
-- service_fee_on (issue 4: service fee on each sale or on each charge; voltpay.Site.ServiceFeeOn):
-- 'charge' takes the fee on each charge (charge_price.go), 'sale' on each sale instead: a
-- 'service_fee' entry beside the sale, naming it in fee_of_id (ledger_entries below).
ALTER TABLE sites ADD COLUMN IF NOT EXISTS service_fee_on TEXT NOT NULL DEFAULT 'charge'
    CHECK (service_fee_on IN ('charge', 'sale'));
-- Grace and friendly periods (issue 4 item 4; voltpay.Site): a prepaid meter in arrears trips once
-- the balance is below −(overdraft + grace_fen) and has been at or below zero for grace_minutes,
-- but never at night (friendly_night_from to friendly_night_to, minutes after local midnight, both
-- or neither, across midnight when from > to), on weekends if friendly_weekends, nor on the
-- listed friendly_holidays (local dates); the trip waits for the period's end.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS grace_fen BIGINT NOT NULL DEFAULT 0 CHECK (grace_fen >= 0);
ALTER TABLE sites ADD COLUMN IF NOT EXISTS grace_minutes INT NOT NULL DEFAULT 0
    CHECK (grace_minutes BETWEEN 0 AND 10080);
ALTER TABLE sites ADD COLUMN IF NOT EXISTS friendly_night_from INT CHECK (friendly_night_from BETWEEN 0 AND 1439);
-- The property office's phone, which the tenant app's help page shows and dials; '' for none.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS office_phone TEXT NOT NULL DEFAULT ''
    CHECK (office_phone = '' OR office_phone ~ '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7})$');
ALTER TABLE sites ADD COLUMN IF NOT EXISTS friendly_night_to INT CHECK (friendly_night_to BETWEEN 0 AND 1439);
ALTER TABLE sites ADD COLUMN IF NOT EXISTS friendly_weekends BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE sites ADD COLUMN IF NOT EXISTS friendly_holidays DATE[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(friendly_holidays) <= 60);
ALTER TABLE sites DROP CONSTRAINT IF EXISTS sites_friendly_night_check;
ALTER TABLE sites ADD CONSTRAINT sites_friendly_night_check
    CHECK ((friendly_night_from IS NULL) = (friendly_night_to IS NULL) AND friendly_night_from <> friendly_night_to);

-- Tariffs ----------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS tariffs (
    id             BIGSERIAL PRIMARY KEY,
    site_id        BIGINT NOT NULL REFERENCES sites (id),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind           TEXT NOT NULL CHECK (kind IN ('flat', 'tou', 'tiered')),
    billing_period TEXT NOT NULL DEFAULT '' CHECK (billing_period IN ('', 'month', 'year')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, name),
    CHECK ((kind = 'tiered') = (billing_period <> ''))
);

-- The price of each TOU rate a tariff uses (a flat tariff has only 'flat').
CREATE TABLE IF NOT EXISTS tariff_prices (
    tariff_id BIGINT NOT NULL REFERENCES tariffs (id) ON DELETE CASCADE,
    rate      TEXT NOT NULL CHECK (rate IN ('sharp', 'peak', 'flat', 'valley')),
    price     BIGINT NOT NULL CHECK (price > 0 AND price <= 1000000),
    PRIMARY KEY (tariff_id, rate)
);

-- The day's TOU periods: each starts a rate, running to the next start.
CREATE TABLE IF NOT EXISTS tariff_periods (
    tariff_id    BIGINT NOT NULL REFERENCES tariffs (id) ON DELETE CASCADE,
    start_minute INT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    rate         TEXT NOT NULL,
    PRIMARY KEY (tariff_id, start_minute),
    FOREIGN KEY (tariff_id, rate) REFERENCES tariff_prices (tariff_id, rate) DEFERRABLE INITIALLY DEFERRED
);

-- Tiers of a tiered tariff, in order; the last has no bound.
CREATE TABLE IF NOT EXISTS tariff_tiers (
    tariff_id BIGINT NOT NULL REFERENCES tariffs (id) ON DELETE CASCADE,
    seq       INT NOT NULL CHECK (seq BETWEEN 1 AND 8),
    up_to_wh  BIGINT CHECK (up_to_wh > 0),
    price     BIGINT NOT NULL CHECK (price > 0 AND price <= 1000000),
    PRIMARY KEY (tariff_id, seq)
);

-- Tiers on top of time-of-use prices (阶梯 on top of 峰谷, issue 4 item 1): a TOU tariff may
-- have tiers, whose prices are surcharges on the rates' prices (0 allowed), and then has a
-- billing period; a flat tariff never has one. The checks are dropped and re-added by name,
-- so re-runs are idempotent and older databases get them.
ALTER TABLE tariffs DROP CONSTRAINT IF EXISTS tariffs_check;
ALTER TABLE tariffs DROP CONSTRAINT IF EXISTS tariffs_billing_period_kind_check;
ALTER TABLE tariffs ADD CONSTRAINT tariffs_billing_period_kind_check
    CHECK (CASE kind WHEN 'tiered' THEN billing_period <> '' WHEN 'flat' THEN billing_period = '' ELSE true END);
ALTER TABLE tariff_tiers DROP CONSTRAINT IF EXISTS tariff_tiers_price_check;
ALTER TABLE tariff_tiers DROP CONSTRAINT IF EXISTS tariff_tiers_price_range_check;
ALTER TABLE tariff_tiers ADD CONSTRAINT tariff_tiers_price_range_check CHECK (price >= 0 AND price <= 1000000);
-- Season and weekday variants of a TOU tariff's periods (voltpay.TariffVariants): one JSON
-- array [{"months": [7, 8], "weekdays": [0, 6], "periods": [{"start_minute": 0, "rate":
-- "valley"}, ...]}, ...], read and written whole with the tariff; the first variant matching
-- a day's month and weekday gives that day's periods, else tariff_periods do.
ALTER TABLE tariffs ADD COLUMN IF NOT EXISTS variants JSONB NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(variants) = 'array');

-- Accounts -----------------------------------------------------------------------

CREATE SEQUENCE IF NOT EXISTS account_no_seq;

CREATE TABLE IF NOT EXISTS accounts (
    id          BIGSERIAL PRIMARY KEY,
    site_id     BIGINT NOT NULL REFERENCES sites (id),
    no          TEXT NOT NULL UNIQUE,
    tenant_name TEXT NOT NULL CHECK (length(tenant_name) BETWEEN 1 AND 100),
    shop_no     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL CHECK (phone ~ '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7})$'),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    alarm1_fen  BIGINT NOT NULL CHECK (alarm1_fen >= alarm2_fen),
    alarm2_fen  BIGINT NOT NULL CHECK (alarm2_fen >= 0),
    -- Maintained only by the ledger trigger below: never written directly.
    balance_fen BIGINT NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    opened_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at   TIMESTAMPTZ,
    CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CHECK (status = 'open' OR balance_fen = 0)
);
CREATE INDEX IF NOT EXISTS accounts_site_idx ON accounts (site_id, id);
-- Overdraft limit (透支额度; version 8): the automatic trip waits until the balance is at or
-- below -overdraft_limit_fen (billing.ControlInput.Overdraft); 0: trip at zero.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS overdraft_limit_fen BIGINT NOT NULL DEFAULT 0
    CHECK (overdraft_limit_fen BETWEEN 0 AND 100000000);
-- Balance mode (issue 4: shared accounts): 'shared', one balance funding all the account's meters,
-- or 'per_meter', one balance per meter (钱包): the sum of the account's entries naming that meter
-- (meter_balances below). In per_meter mode every entry must name a meter (ledger_before_insert),
-- a sale or refund one of the account's active meters, and a refund may take a meter's balance no
-- lower than zero. Switching to per_meter needs every fen of the account on a meter (its balance
-- = the sum of its entries naming a meter; AccountService.UpdateAccount checks it), and rebuilds
-- its meter balances from its entries; back to shared is always allowed.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS balance_mode TEXT NOT NULL DEFAULT 'shared'
    CHECK (balance_mode IN ('shared', 'per_meter'));

-- Meters ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS meters (
    id             BIGSERIAL PRIMARY KEY,
    site_id        BIGINT NOT NULL REFERENCES sites (id),
    building_id    BIGINT REFERENCES buildings (id),
    floor          TEXT NOT NULL DEFAULT '',
    room           TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL CHECK (address ~ '^[0-9]{1,12}$'),
    model          TEXT NOT NULL DEFAULT '',
    phases         INT NOT NULL DEFAULT 1 CHECK (phases IN (1, 3)),
    protocol       TEXT NOT NULL CHECK (protocol IN ('dlt645', 'modbus')),
    gateway_id     BIGINT REFERENCES gateways (id),
    ct_ratio       INT NOT NULL DEFAULT 1 CHECK (ct_ratio BETWEEN 1 AND 10000),
    tariff_id      BIGINT REFERENCES tariffs (id),
    prepaid_mode   TEXT NOT NULL DEFAULT 'platform' CHECK (prepaid_mode IN ('platform', 'meter')),
    overload_w     BIGINT CHECK (overload_w > 0),
    alarm1_fen     BIGINT CHECK (alarm1_fen >= 0),
    alarm2_fen     BIGINT CHECK (alarm2_fen >= 0),
    relay          TEXT NOT NULL DEFAULT 'unknown' CHECK (relay IN ('closed', 'open', 'unknown')),
    online         BOOLEAN NOT NULL DEFAULT false,
    last_energy_wh BIGINT CHECK (last_energy_wh >= 0),
    last_read_at   TIMESTAMPTZ,
    account_id     BIGINT REFERENCES accounts (id),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'replaced', 'retired')),
    replaced_by_id BIGINT REFERENCES meters (id),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((status = 'replaced') = (replaced_by_id IS NOT NULL)),
    CHECK (status = 'active' OR account_id IS NULL)
);
-- channel: 0 for a meter of its own, n for channel n of the multi-user metering device
-- (多用户计量装置) at address; each channel is a meter to the rest of Voltpay (version 5).
ALTER TABLE meters ADD COLUMN IF NOT EXISTS channel INT NOT NULL DEFAULT 0 CHECK (channel BETWEEN 0 AND 36);
-- One active meter per address and channel on a bus, and among direct meters. Replaces
-- meters_bus_address_uniq (before version 5, without channel).
DROP INDEX IF EXISTS meters_bus_address_uniq;
CREATE UNIQUE INDEX IF NOT EXISTS meters_bus_address_channel_uniq
    ON meters (coalesce(gateway_id, 0), address, channel) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS meters_account_idx ON meters (account_id) WHERE account_id IS NOT NULL;
-- credit_cap_fen: the most a meter-billed meter may hold (囤积上限); a sale that would take the
-- meter's balance above it is refused (LedgerService.Sell). NULL: no cap.
ALTER TABLE meters ADD COLUMN IF NOT EXISTS credit_cap_fen BIGINT CHECK (credit_cap_fen > 0);
-- link_id: how a direct (4G) meter identifies itself when it dials in (an Acrel 4G meter's
-- serial, a DTU's registration id), voltpay.Meter.LinkID; NULL: its address (DL/T 645) or, for
-- a direct Modbus meter, its unit id zero-padded to 14 digits. One active meter per link id.
ALTER TABLE meters ADD COLUMN IF NOT EXISTS link_id TEXT CHECK (link_id ~ '^[0-9A-Za-z]{1,32}$');
CREATE UNIQUE INDEX IF NOT EXISTS meters_link_id_uniq ON meters (link_id) WHERE status = 'active' AND link_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS meters_gateway_idx ON meters (gateway_id, id);
CREATE INDEX IF NOT EXISTS meters_building_idx ON meters (building_id, id);
-- Every poll cycle rewrites each meter's latest state (none of it indexed):
-- room on the page lets those be HOT updates, with no index entries to add.
ALTER TABLE meters SET (fillfactor = 70);

-- People ------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS operators (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'cashier', 'finance', 'viewer')),
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_login_at TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS tenant_users (
    id            BIGSERIAL PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    phone         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS api_keys (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix       TEXT NOT NULL UNIQUE,
    secret_hash  BYTEA NOT NULL,
    scopes       TEXT[] NOT NULL CHECK (cardinality(scopes) > 0),
    created_by   BIGINT REFERENCES operators (id),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);

-- Sessions hold only the SHA-256 of their token.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash     BYTEA PRIMARY KEY,
    operator_id    BIGINT REFERENCES operators (id),
    tenant_user_id BIGINT REFERENCES tenant_users (id),
    ip             TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ NOT NULL,
    CHECK ((operator_id IS NULL) <> (tenant_user_id IS NULL))
);
CREATE INDEX IF NOT EXISTS sessions_expires_idx ON sessions (expires_at);

-- The ledger ------------------------------------------------------------------------

CREATE SEQUENCE IF NOT EXISTS receipt_no_seq;

CREATE TABLE IF NOT EXISTS ledger_entries (
    id                BIGSERIAL PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id),
    type              TEXT NOT NULL CHECK (type IN ('sale', 'refund', 'reversal', 'transfer', 'charge', 'correction',
                                                    'service_fee')),
    channel           TEXT CHECK (channel IN ('cash', 'bank', 'wechat', 'alipay')),
    amount_fen        BIGINT NOT NULL CHECK (amount_fen <> 0),
    -- Set by the trigger from the account's running balance.
    balance_after_fen BIGINT NOT NULL,
    idempotency_key   TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 140),
    receipt_no        TEXT NOT NULL UNIQUE,
    reverses_id       BIGINT UNIQUE REFERENCES ledger_entries (id),
    meter_id          BIGINT REFERENCES meters (id),
    operator_id       BIGINT REFERENCES operators (id),
    api_key_id        BIGINT REFERENCES api_keys (id),
    actor             TEXT NOT NULL DEFAULT '',
    -- Provider transaction id of WeChat Pay / Alipay money: credited once.
    external_ref      TEXT UNIQUE,
    note              TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (type <> 'sale' OR (amount_fen > 0 AND channel IS NOT NULL)),
    CHECK (type <> 'refund' OR (amount_fen < 0 AND channel IS NOT NULL AND balance_after_fen >= 0)),
    CHECK (type <> 'charge' OR amount_fen < 0),
    CHECK (type <> 'transfer' OR amount_fen > 0 OR balance_after_fen >= 0),
    CHECK ((type = 'reversal') = (reverses_id IS NOT NULL)),
    CHECK (abs(amount_fen) <= 100000000)
);
CREATE INDEX IF NOT EXISTS ledger_account_idx ON ledger_entries (account_id, id DESC);
CREATE INDEX IF NOT EXISTS ledger_operator_idx ON ledger_entries (operator_id, id DESC) WHERE operator_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ledger_created_idx ON ledger_entries (created_at);
-- Meter balances (issue 4: one balance per meter): for an account keeping one balance per meter
-- (accounts.balance_mode = 'per_meter'), per meter, the sum of the account's entries naming the
-- meter. Written only by ledger_before_insert (for the entries of per-meter accounts, which also
-- get the meter's balance after them in meter_balance_after_fen; NULL on every other entry) and
-- by rebuild_meter_balances when an account switches to per_meter (recomputed from its entries),
-- both guarded by guard_meter_balance. Shared accounts pay nothing for it on the charging path;
-- their rows, if any, are stale and never read. A meter that moves to another account starts
-- at 0 there.
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS meter_balance_after_fen BIGINT;
-- fee_of_id: the sale a 'service_fee' entry was taken on (sites.service_fee_on = 'sale'), at most
-- one fee per sale (a partial index: charges, most of the ledger, add no index entry); NULL for
-- fees taken on charges. Reversing the sale reverses its fee too.
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS fee_of_id BIGINT REFERENCES ledger_entries (id);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_fee_of_uniq ON ledger_entries (fee_of_id) WHERE fee_of_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS meter_balances (
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    meter_id    BIGINT NOT NULL REFERENCES meters (id),
    balance_fen BIGINT NOT NULL,
    PRIMARY KEY (account_id, meter_id)
);
CREATE INDEX IF NOT EXISTS meter_balances_meter_idx ON meter_balances (meter_id);
-- Only per-meter entries are indexed: the controller's per-meter turn walks them.
CREATE INDEX IF NOT EXISTS ledger_per_meter_idx ON ledger_entries (account_id, meter_id, id DESC)
    WHERE meter_balance_after_fen IS NOT NULL;
CREATE OR REPLACE FUNCTION guard_meter_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'meter_balances changes only through ledger_entries'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER meter_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON meter_balances
    FOR EACH ROW EXECUTE FUNCTION guard_meter_balance();
-- An account switching to per_meter gets its meter balances from its entries.
CREATE OR REPLACE FUNCTION rebuild_meter_balances() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM meter_balances WHERE account_id = NEW.id;
    INSERT INTO meter_balances (account_id, meter_id, balance_fen)
    SELECT account_id, meter_id, sum(amount_fen) FROM ledger_entries
    WHERE account_id = NEW.id AND meter_id IS NOT NULL
    GROUP BY account_id, meter_id;
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER accounts_per_meter_switch AFTER UPDATE OF balance_mode ON accounts
    FOR EACH ROW WHEN (NEW.balance_mode = 'per_meter' AND OLD.balance_mode <> 'per_meter')
    EXECUTE FUNCTION rebuild_meter_balances();
-- Corrections (补正; version 8): a 'correction' entry corrects one charge (corrects_id, once)
-- by the difference between what it charged and what it should have (voltpay.EntryCorrection).
-- A database made before version 8 gets the type and the pairing checks here; the DO block
-- replaces the type check only while it lacks 'service_fee' (the newest type, below), so a
-- restart does not re-validate the whole ledger.
-- Service fees (issue 4 item 1; voltpay.EntryServiceFee): the fee a site adds on each charge
-- (sites.service_fee_bp) is an entry of its own beside the charge, so receipts and reports show
-- it apart; like a charge it only takes money (amount_fen < 0).
-- Apportionment (公摊; voltpay.EntryApportionment): a member's part of a group's shared energy
-- for a month (apportion_runs below), an entry of its own so statements show it apart; it
-- only takes money. 'apportionment' is now the newest type the DO block looks for.
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS corrects_id BIGINT UNIQUE REFERENCES ledger_entries (id);
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass
                   AND conname = 'ledger_entries_type_check' AND pg_get_constraintdef(oid) LIKE '%apportionment%') THEN
        ALTER TABLE ledger_entries DROP CONSTRAINT IF EXISTS ledger_entries_type_check;
        ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_type_check
            CHECK (type IN ('sale', 'refund', 'reversal', 'transfer', 'charge', 'correction', 'service_fee',
                            'apportionment'));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass
                   AND conname = 'ledger_entries_apportionment_check') THEN
        ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_apportionment_check
            CHECK (type <> 'apportionment' OR amount_fen < 0);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass
                   AND conname = 'ledger_entries_service_fee_check') THEN
        ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_service_fee_check
            CHECK (type <> 'service_fee' OR amount_fen < 0);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass
                   AND conname = 'ledger_entries_correction_check') THEN
        ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_correction_check
            CHECK ((type = 'correction') = (corrects_id IS NOT NULL));
    END IF;
END $$;

-- Before each entry: check the account and the reversed entry, number the
-- receipt, move the balance and record the balance after. The UPDATE takes
-- the account's row lock, so entries of one account are serialised.
CREATE OR REPLACE FUNCTION ledger_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    acct_status TEXT;
    acct_no     TEXT;
    acct_mode   TEXT;
    orig        ledger_entries%ROWTYPE;
BEGIN
    -- A charging batch (billing.Charger) computes each entry's balance after
    -- under its accounts' locks and asks, with voltpay.batch_balances, that
    -- the accounts move once per statement: ledger_after_batch checks every
    -- balance after against the running sum and moves each account by its
    -- total. Only charges and their fees take this path.
    IF NEW.type IN ('charge', 'service_fee') AND current_setting('voltpay.batch_balances', true) = 'on' THEN
        IF NEW.receipt_no IS NULL OR NEW.receipt_no = '' THEN
            NEW.receipt_no := 'R' || to_char(NEW.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
                              || lpad(nextval('receipt_no_seq')::TEXT, 8, '0');
        END IF;
        NEW.meter_balance_after_fen := NULL;
        RETURN NEW;
    END IF;
    IF NEW.type = 'reversal' THEN
        SELECT * INTO orig FROM ledger_entries WHERE id = NEW.reverses_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'entry % to reverse does not exist', NEW.reverses_id USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF orig.type = 'reversal' THEN
            RAISE EXCEPTION 'entry % is itself a reversal and cannot be reversed', orig.id USING ERRCODE = 'check_violation';
        END IF;
        IF orig.account_id <> NEW.account_id OR orig.amount_fen <> -NEW.amount_fen THEN
            RAISE EXCEPTION 'a reversal must negate entry % on the same account', orig.id USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.type = 'correction' THEN
        SELECT * INTO orig FROM ledger_entries WHERE id = NEW.corrects_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'entry % to correct does not exist', NEW.corrects_id USING ERRCODE = 'foreign_key_violation';
        END IF;
        -- A charge, or the service fee beside it (corrected with the charge, in proportion).
        IF orig.type NOT IN ('charge', 'service_fee') OR orig.account_id <> NEW.account_id
           OR orig.meter_id IS DISTINCT FROM NEW.meter_id OR NEW.amount_fen > -orig.amount_fen THEN
            RAISE EXCEPTION 'a correction must correct charge or fee % on its account and meter, giving back at most what it took',
                orig.id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    -- The balance moves first, in the one statement that also reads what
    -- the checks need (one index probe per entry, not two: the ledger's
    -- hottest path, billing.Charger). A check that fails below raises,
    -- which undoes the UPDATE with the whole statement.
    IF NEW.receipt_no IS NULL OR NEW.receipt_no = '' THEN
        NEW.receipt_no := 'R' || to_char(NEW.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
                          || lpad(nextval('receipt_no_seq')::TEXT, 8, '0');
    END IF;
    UPDATE accounts SET balance_fen = balance_fen + NEW.amount_fen
     WHERE id = NEW.account_id AND status <> 'closed'
    RETURNING balance_fen, no, balance_mode INTO NEW.balance_after_fen, acct_no, acct_mode;
    -- SQLSTATEs of class VP are ours: the application maps VPN01 to
    -- NOT_FOUND, VPC01 to CONFLICT, VPI01 to INVALID_INPUT and VPB01 to
    -- INSUFFICIENT_BALANCE, showing the message as it is.
    IF NOT FOUND THEN
        SELECT status, no INTO acct_status, acct_no FROM accounts WHERE id = NEW.account_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'account % not found; check the id', NEW.account_id USING ERRCODE = 'VPN01';
        END IF;
        RAISE EXCEPTION 'cannot record a % on account %: it is closed; open a new account for the tenant',
            NEW.type, acct_no USING ERRCODE = 'VPC01';
    END IF;
    -- One balance per meter: VPI01 is INVALID_INPUT, VPB01 INSUFFICIENT_BALANCE. The checks
    -- with a subquery are nested under the cheap test, which is all a shared account pays.
    IF acct_mode = 'per_meter' THEN
        IF NEW.meter_id IS NULL THEN
            RAISE EXCEPTION 'account % keeps one balance per meter: name the meter the money is for', acct_no
                USING ERRCODE = 'VPI01';
        END IF;
        IF NEW.type IN ('sale', 'refund') THEN
            IF NOT EXISTS (SELECT 1 FROM meters
                           WHERE id = NEW.meter_id AND account_id = NEW.account_id AND status = 'active') THEN
                RAISE EXCEPTION 'meter % is not an active meter of account %, which keeps one balance per meter: name one of its meters',
                    NEW.meter_id, acct_no USING ERRCODE = 'VPI01';
            END IF;
        END IF;
    END IF;
    IF acct_mode = 'per_meter' THEN
        INSERT INTO meter_balances AS b (account_id, meter_id, balance_fen)
        VALUES (NEW.account_id, NEW.meter_id, NEW.amount_fen)
        ON CONFLICT (account_id, meter_id) DO UPDATE SET balance_fen = b.balance_fen + EXCLUDED.balance_fen
        RETURNING balance_fen INTO NEW.meter_balance_after_fen;
        -- A provider's refund (external_ref) is a fact, as for the account (see recharge_refunds).
        IF NEW.type = 'refund' AND NEW.meter_balance_after_fen < 0 AND NEW.external_ref IS NULL THEN
            RAISE EXCEPTION 'cannot refund % yuan from meter % of account %: its balance is % yuan',
                to_char(-NEW.amount_fen / 100.0, 'FM999999990.00'), NEW.meter_id, acct_no,
                to_char((NEW.meter_balance_after_fen - NEW.amount_fen) / 100.0, 'FM999999990.00')
                USING ERRCODE = 'VPB01';
        END IF;
    ELSE
        NEW.meter_balance_after_fen := NULL;
    END IF;
    RETURN NEW;
END $$;

-- Journals are append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE OR REPLACE FUNCTION forbid_journal_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed; record a reversal instead', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- After a charging batch's INSERT (voltpay.batch_balances on): every account moves once, by the
-- sum of its entries, and each entry's balance_after_fen must be the account's balance before
-- plus the running sum up to it, or the whole statement fails (VPX01; the charger then writes
-- the batch entry by entry). Only open accounts with one shared balance take this path.
CREATE OR REPLACE FUNCTION ledger_after_batch() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    want_accounts  INT;
    moved_accounts INT;
    bad            BIGINT;
BEGIN
    WITH batch AS (SELECT id, account_id, amount_fen, balance_after_fen FROM added
                   WHERE type IN ('charge', 'service_fee')),
         sums AS (SELECT account_id, sum(amount_fen) AS total FROM batch GROUP BY account_id),
         moved AS (UPDATE accounts a SET balance_fen = a.balance_fen + s.total
                   FROM sums s
                   WHERE a.id = s.account_id AND a.status = 'open' AND a.balance_mode = 'shared'
                   RETURNING a.id, a.balance_fen - s.total AS before),
         running AS (SELECT b.id, b.balance_after_fen,
                            m.before + sum(b.amount_fen) OVER (PARTITION BY b.account_id ORDER BY b.id) AS want
                     FROM batch b LEFT JOIN moved m ON m.id = b.account_id)
    SELECT (SELECT count(*) FROM sums), (SELECT count(*) FROM moved),
           (SELECT id FROM running WHERE want IS DISTINCT FROM balance_after_fen ORDER BY id LIMIT 1)
      INTO want_accounts, moved_accounts, bad;
    IF moved_accounts <> want_accounts OR bad IS NOT NULL THEN
        RAISE EXCEPTION 'a charging batch does not add up (% of % accounts open and shared; first wrong balance after: entry %)',
            moved_accounts, want_accounts, bad USING ERRCODE = 'VPX01';
    END IF;
    RETURN NULL;
END $$;

-- An account's balance moves only through the ledger trigger.
CREATE OR REPLACE FUNCTION guard_account_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.balance_fen IS DISTINCT FROM OLD.balance_fen AND pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'accounts.balance_fen changes only through ledger_entries'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

-- Audit log ------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('operator', 'apikey', 'tenant', 'system', 'anonymous')),
    actor_id    BIGINT,
    actor_name  TEXT NOT NULL DEFAULT '',
    operation   TEXT NOT NULL,
    args        JSONB NOT NULL DEFAULT '{}',
    ip          TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL,
    message     TEXT NOT NULL DEFAULT '',
    duration_ms INT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS audit_at_idx ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_actor_idx ON audit_log (actor_kind, actor_id, id DESC);

-- Alarms ------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS alarms (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('alarm1', 'alarm2', 'arrears', 'overload', 'offline')),
    account_id BIGINT REFERENCES accounts (id),
    meter_id   BIGINT REFERENCES meters (id),
    message    TEXT NOT NULL DEFAULT '',
    raised_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    cleared_at TIMESTAMPTZ,
    CHECK (account_id IS NOT NULL OR meter_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS alarms_active_idx ON alarms (raised_at) WHERE cleared_at IS NULL;

-- Triggers (CREATE OR REPLACE TRIGGER keeps re-runs idempotent) ---------------------

CREATE OR REPLACE TRIGGER ledger_before_insert BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_before_insert();
CREATE OR REPLACE TRIGGER ledger_after_batch AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT
    WHEN (current_setting('voltpay.batch_balances', true) = 'on') EXECUTE FUNCTION ledger_after_batch();
CREATE OR REPLACE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION forbid_journal_change();
CREATE OR REPLACE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_journal_change();
CREATE OR REPLACE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION forbid_journal_change();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_journal_change();
-- The WHEN skips the call for the ledger trigger's own updates (depth 1), once per entry.
CREATE OR REPLACE TRIGGER accounts_balance_guard BEFORE UPDATE OF balance_fen ON accounts
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION guard_account_balance();

-- Meter readings (meterlink) ----------------------------------------------------------
-- One row per sample; written in bulk by the poller (COPY into a staging
-- table, then INSERT … ON CONFLICT DO NOTHING so retried batches are safe).

CREATE TABLE IF NOT EXISTS meter_readings (
    meter_id           BIGINT NOT NULL REFERENCES meters (id),
    read_at            TIMESTAMPTZ NOT NULL,
    meter_clock        TIMESTAMPTZ,
    energy_wh          BIGINT NOT NULL CHECK (energy_wh >= 0),
    sharp_wh           BIGINT CHECK (sharp_wh >= 0),
    peak_wh            BIGINT CHECK (peak_wh >= 0),
    flat_wh            BIGINT CHECK (flat_wh >= 0),
    valley_wh          BIGINT CHECK (valley_wh >= 0),
    reverse_wh         BIGINT CHECK (reverse_wh >= 0),
    voltage_dv         INT,
    current_ma         INT,
    power_w            BIGINT,
    power_factor_milli INT CHECK (power_factor_milli BETWEEN -1000 AND 1000),
    frequency_chz      INT,
    balance_fen        BIGINT,
    purchase_count     INT CHECK (purchase_count >= 0),
    relay              TEXT CHECK (relay IN ('closed', 'open')),
    status_word        INT,
    PRIMARY KEY (meter_id, read_at)
);
CREATE INDEX IF NOT EXISTS meter_readings_read_at_brin ON meter_readings USING brin (read_at);

-- Durable meter commands (the outbox meterlink works through) -------------------------

CREATE TABLE IF NOT EXISTS meter_commands (
    id              BIGSERIAL PRIMARY KEY,
    meter_id        BIGINT NOT NULL REFERENCES meters (id),
    kind            TEXT NOT NULL CHECK (kind IN ('trip', 'close', 'close_allowed', 'guarantee_on', 'guarantee_off',
                        'restore_prepaid', 'push_tariff', 'push_settings', 'credit', 'time_sync')),
    params          JSONB NOT NULL DEFAULT '{}',
    state           TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'sent', 'confirmed', 'failed', 'expired', 'cancelled')),
    idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 140),
    attempts        INT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at         TIMESTAMPTZ,
    CHECK ((state IN ('confirmed', 'failed', 'expired', 'cancelled')) = (done_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS meter_commands_due_idx ON meter_commands (next_attempt_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS meter_commands_sent_idx ON meter_commands (updated_at) WHERE state = 'sent';
CREATE INDEX IF NOT EXISTS meter_commands_meter_idx ON meter_commands (meter_id, id DESC);

-- A command's state moves only along the state machine; finished commands
-- never change again (SQLSTATE VPC02 → CONFLICT).
CREATE OR REPLACE FUNCTION guard_command_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state IN ('confirmed', 'failed', 'expired', 'cancelled') THEN
        RAISE EXCEPTION 'command % is already %; it cannot change any more', OLD.id, OLD.state
            USING ERRCODE = 'VPC02';
    END IF;
    IF NEW.state <> OLD.state AND NOT (
        (OLD.state = 'pending' AND NEW.state IN ('sent', 'cancelled', 'expired')) OR
        (OLD.state = 'sent' AND NEW.state IN ('pending', 'confirmed', 'failed', 'expired'))) THEN
        RAISE EXCEPTION 'command % cannot go from % to %', OLD.id, OLD.state, NEW.state
            USING ERRCODE = 'VPC02';
    END IF;
    IF NEW.meter_id <> OLD.meter_id OR NEW.kind <> OLD.kind OR NEW.params <> OLD.params
       OR NEW.idempotency_key <> OLD.idempotency_key THEN
        RAISE EXCEPTION 'command % is immutable but for its progress', OLD.id USING ERRCODE = 'VPC02';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER meter_commands_transition BEFORE UPDATE ON meter_commands
    FOR EACH ROW EXECUTE FUNCTION guard_command_transition();
-- New commands are announced on channel voltpay_commands at commit, so that the executor of
-- another server process (the webhook of one instance, the executor of another) starts at once
-- instead of at its next interval (server/command_listen.go). One empty notification per
-- statement: PostgreSQL folds identical notifications of a transaction into one.
CREATE OR REPLACE FUNCTION notify_new_commands() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('voltpay_commands', '');
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER meter_commands_notify AFTER INSERT ON meter_commands
    FOR EACH STATEMENT EXECUTE FUNCTION notify_new_commands();

-- The purchase count a credit command gives the meter (credit push, 远程充值).
-- It is chosen once, before the first frame is sent, from the count
-- read off the meter, and never changes: a retry after a lost reply sends
-- the same count, which the meter refuses as a repeat if the first landed.
-- Unique per meter, so two credits can never claim the same purchase.
CREATE TABLE IF NOT EXISTS meter_credit_counts (
    command_id     BIGINT PRIMARY KEY REFERENCES meter_commands (id),
    meter_id       BIGINT NOT NULL REFERENCES meters (id),
    purchase_count BIGINT NOT NULL CHECK (purchase_count BETWEEN 1 AND 4294967295),
    reserved_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (meter_id, purchase_count)
);

-- Time-based control (分时控制): trip or close a selection of meters at a time of day on
-- chosen weekdays (local time), e.g. the shops of a floor off at 22:00 and on at 08:00. The
-- scheduler enqueues one command per meter and occurrence, keyed by schedule, date and meter,
-- on behalf of the operator who made the schedule (so a scheduled trip is an operator's trip).
CREATE TABLE IF NOT EXISTS control_schedules (
    id            BIGSERIAL PRIMARY KEY,
    site_id       BIGINT NOT NULL REFERENCES sites (id),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    action        TEXT NOT NULL CHECK (action IN ('trip', 'close')),
    at_minute     INT NOT NULL CHECK (at_minute BETWEEN 0 AND 1439),
    weekdays      INT[] NOT NULL DEFAULT '{}',
    building_id   BIGINT REFERENCES buildings (id),
    meter_ids     BIGINT[] NOT NULL DEFAULT '{}',
    enabled       BOOLEAN NOT NULL DEFAULT true,
    created_by_id BIGINT NOT NULL REFERENCES operators (id),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (building_id IS NOT NULL OR cardinality(meter_ids) > 0),
    CHECK (weekdays <@ ARRAY[0, 1, 2, 3, 4, 5, 6]),
    UNIQUE (site_id, name)
);

-- Charging (billing) ------------------------------------------------------------------
-- Each meter's charge series (billing.Series; version 6): the last charged reading
-- (read_at NULL: no baseline yet, the next reading is one), the exact amount charged so
-- far in 1/100,000 fen (billing.Carry: the part below a fen carries to the next charge),
-- the energy of a tiered tariff's billing period (billing.Usage) and why charging stopped
-- ('' while it runs; see voltpay.FaultNoTariff and FaultRegisterFell). account_id is the
-- account the series charges: another account starts a new series. Written only by the
-- charging service (server/postgres/charge.go) under this row's lock, in the transaction
-- that writes the charge entries, so a reading is charged exactly once.
CREATE TABLE IF NOT EXISTS meter_billing (
    meter_id     BIGINT PRIMARY KEY REFERENCES meters (id),
    read_at      TIMESTAMPTZ,
    energy_wh    BIGINT CHECK (energy_wh >= 0),
    sharp_wh     BIGINT CHECK (sharp_wh >= 0),
    peak_wh      BIGINT CHECK (peak_wh >= 0),
    flat_wh      BIGINT CHECK (flat_wh >= 0),
    valley_wh    BIGINT CHECK (valley_wh >= 0),
    account_id   BIGINT REFERENCES accounts (id),
    carry_micro  BIGINT NOT NULL DEFAULT 0 CHECK (carry_micro >= 0),
    usage_period TIMESTAMPTZ,
    usage_wh     BIGINT NOT NULL DEFAULT 0 CHECK (usage_wh >= 0),
    fault        TEXT NOT NULL DEFAULT '',
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((read_at IS NULL) = (energy_wh IS NULL))
);
-- Rewritten by every charging batch (no indexed column changes): room on the page
-- keeps those HOT updates.
ALTER TABLE meter_billing SET (fillfactor = 70);
-- The reverse active energy register of the last charged reading (billing.Registers.ReverseWh;
-- version 8): the meter counts both directions as consumption, so its delta is charged too.
ALTER TABLE meter_billing ADD COLUMN IF NOT EXISTS reverse_wh BIGINT CHECK (reverse_wh >= 0);
-- The exact service fee taken so far in the series (billing.Series.FeeCarry), a carry of its own
-- beside carry_micro: a year of fees then adds up to the fee on the year's charges, to the fen.
ALTER TABLE meter_billing ADD COLUMN IF NOT EXISTS fee_carry_micro BIGINT NOT NULL DEFAULT 0
    CHECK (fee_carry_micro >= 0);

-- Tariff assignment history (一表一电价, changes effective from a given time): the meter's
-- tariff from effective_from until its next row (billing.Schedule). A meter without rows
-- here is charged at its current meters.tariff_id, in force since the epoch; with rows,
-- only they count (an interval before the first is not priced: FaultNoTariff).
CREATE TABLE IF NOT EXISTS meter_tariffs (
    meter_id       BIGINT NOT NULL REFERENCES meters (id),
    tariff_id      BIGINT NOT NULL REFERENCES tariffs (id),
    effective_from TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (meter_id, effective_from)
);

-- Automatic control (billing.Controller; version 7) ----------------------------------
-- control_mode: how the platform drives the meter's relay (billing.ModePrepaid, ModeGuarantee,
-- ModeForcedTrip). Set only when an operator's or API key's command is enqueued (trip →
-- forced_trip, guarantee_on → guarantee, guarantee_off, restore_prepaid and close → prepaid;
-- server/postgres/command_mode.go), in the enqueue's transaction; control_command_id is that
-- command: it names the mode's epoch in the keys of automatic commands, so that an operator's
-- change of mode lets the controller act again on an unchanged balance.
ALTER TABLE meters ADD COLUMN IF NOT EXISTS control_mode TEXT NOT NULL DEFAULT 'prepaid'
    CHECK (control_mode IN ('prepaid', 'guarantee', 'forced_trip'));
ALTER TABLE meters ADD COLUMN IF NOT EXISTS control_command_id BIGINT;
-- One open alarm per account and kind (account alarms have no meter): the controller raises
-- with ON CONFLICT DO NOTHING, so two controllers never raise the same alarm twice.
CREATE UNIQUE INDEX IF NOT EXISTS alarms_open_account_uniq
    ON alarms (account_id, kind) WHERE cleared_at IS NULL AND meter_id IS NULL;
CREATE INDEX IF NOT EXISTS alarms_account_idx ON alarms (account_id, id DESC) WHERE account_id IS NOT NULL;
-- Meter and gateway alarms (issue 4 item 3): offline, overload, gateway offline, reading
-- fault and balance mismatch. A meter alarm has meter_id (and the account holding the meter
-- when raised, for its tenant); a gateway alarm only gateway_id. The kind and subject checks
-- are dropped and re-added by name, so that re-runs are idempotent and older databases get
-- the new kinds. One open alarm per meter (or gateway) and kind: raises use
-- ON CONFLICT DO NOTHING against the partial unique indexes, so a repeated condition never
-- opens a second row.
ALTER TABLE alarms ADD COLUMN IF NOT EXISTS gateway_id BIGINT REFERENCES gateways (id);
ALTER TABLE alarms DROP CONSTRAINT IF EXISTS alarms_kind_check;
ALTER TABLE alarms ADD CONSTRAINT alarms_kind_check CHECK (kind IN ('alarm1', 'alarm2', 'arrears', 'overload',
    'offline', 'gateway_offline', 'reading_fault', 'balance_mismatch'));
ALTER TABLE alarms DROP CONSTRAINT IF EXISTS alarms_check;
ALTER TABLE alarms DROP CONSTRAINT IF EXISTS alarms_subject_check;
ALTER TABLE alarms ADD CONSTRAINT alarms_subject_check
    CHECK (account_id IS NOT NULL OR meter_id IS NOT NULL OR gateway_id IS NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS alarms_open_meter_uniq
    ON alarms (meter_id, kind) WHERE cleared_at IS NULL AND meter_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS alarms_open_gateway_uniq
    ON alarms (gateway_id, kind) WHERE cleared_at IS NULL AND gateway_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS alarms_meter_idx ON alarms (meter_id, id DESC) WHERE meter_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS alarms_gateway_idx ON alarms (gateway_id, id DESC) WHERE gateway_id IS NOT NULL;

-- Shared-cost apportionment (公摊; issue 4 item 2) ------------------------------------------
-- A group shares the energy of its common-area meters (and, with include_line_loss, the line
-- loss under its master meters) over its member accounts by floor area, by their own metered
-- use or by fixed shares, priced at tariff_id's flat price (billing.SharedPrice). Sources and
-- members are replaced whole on every edit. Each month is run once (UNIQUE (group_id,
-- period_start)): the run and its lines are the statement, each line's entry_id the
-- 'apportionment' ledger entry it posted (NULL when the part came to 0 fen). Runs and lines
-- are written once, in the transaction that posts the entries.
CREATE TABLE IF NOT EXISTS apportion_groups (
    id                BIGSERIAL PRIMARY KEY,
    site_id           BIGINT NOT NULL REFERENCES sites (id),
    name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    method            TEXT NOT NULL CHECK (method IN ('area', 'usage', 'fixed')),
    tariff_id         BIGINT NOT NULL REFERENCES tariffs (id),
    include_line_loss BOOLEAN NOT NULL DEFAULT false,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, name)
);
CREATE TABLE IF NOT EXISTS apportion_sources (
    group_id BIGINT NOT NULL REFERENCES apportion_groups (id),
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    role     TEXT NOT NULL CHECK (role IN ('common', 'master')),
    PRIMARY KEY (group_id, meter_id)
);
CREATE TABLE IF NOT EXISTS apportion_members (
    group_id     BIGINT NOT NULL REFERENCES apportion_groups (id),
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    area_m2_x100 BIGINT CHECK (area_m2_x100 > 0),
    share_bp     BIGINT CHECK (share_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX IF NOT EXISTS apportion_members_account_idx ON apportion_members (account_id);
CREATE TABLE IF NOT EXISTS apportion_runs (
    id           BIGSERIAL PRIMARY KEY,
    group_id     BIGINT NOT NULL REFERENCES apportion_groups (id),
    period_start DATE NOT NULL CHECK (extract(day FROM period_start) = 1),
    common_wh    BIGINT NOT NULL CHECK (common_wh >= 0),
    line_loss_wh BIGINT NOT NULL CHECK (line_loss_wh >= 0),
    total_wh     BIGINT NOT NULL CHECK (total_wh = common_wh + line_loss_wh),
    price        BIGINT NOT NULL CHECK (price > 0),
    total_fen    BIGINT NOT NULL CHECK (total_fen >= 0),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (group_id, period_start)
);
CREATE TABLE IF NOT EXISTS apportion_lines (
    run_id     BIGINT NOT NULL REFERENCES apportion_runs (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    weight     BIGINT NOT NULL CHECK (weight >= 0),
    energy_wh  BIGINT NOT NULL CHECK (energy_wh >= 0),
    amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
    entry_id   BIGINT UNIQUE REFERENCES ledger_entries (id),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, account_id),
    CHECK ((amount_fen = 0) = (entry_id IS NULL))
);
CREATE INDEX IF NOT EXISTS apportion_lines_account_idx ON apportion_lines (account_id, run_id DESC);
CREATE OR REPLACE TRIGGER apportion_runs_append_only BEFORE UPDATE OR DELETE ON apportion_runs
    FOR EACH ROW EXECUTE FUNCTION forbid_journal_change();
CREATE OR REPLACE TRIGGER apportion_lines_append_only BEFORE UPDATE OR DELETE ON apportion_lines
    FOR EACH ROW EXECUTE FUNCTION forbid_journal_change();

-- Self-service recharge (issue 5) --------------------------------------------------
-- One order per recharge attempt at WeChat Pay or Alipay (voltpay.RechargeOrder). The
-- webhook's first transition pending -> paid, the sale entry (ledger_entries.external_ref =
-- '<channel>:<transaction id>', unique) and the relay-close outbox row commit together, so a
-- payment credits once however often it is notified. A paid order whose money cannot be
-- credited (amount differs, account closed...) keeps flag set for finance and no entry.
CREATE TABLE IF NOT EXISTS recharge_orders (
    id              BIGSERIAL PRIMARY KEY,
    out_trade_no    TEXT NOT NULL UNIQUE CHECK (out_trade_no ~ '^[A-Za-z0-9]{6,32}$'),
    account_id      BIGINT NOT NULL REFERENCES accounts (id),
    meter_ids       BIGINT[] NOT NULL DEFAULT '{}',
    channel         TEXT NOT NULL CHECK (channel IN ('wechat', 'alipay')),
    method          TEXT NOT NULL CHECK (method IN ('mini_program', 'qr', 'h5')),
    amount_fen      BIGINT NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 100000000),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'paid', 'closed', 'refunded')),
    transaction_id  TEXT,
    refunded_fen    BIGINT NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
    entry_id        BIGINT UNIQUE REFERENCES ledger_entries (id),
    description     TEXT NOT NULL DEFAULT '',
    payer_id        TEXT NOT NULL DEFAULT '',
    actor           TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 140),
    flag            TEXT NOT NULL DEFAULT '',
    prepay          TEXT NOT NULL DEFAULT '',
    expires_at      TIMESTAMPTZ NOT NULL,
    paid_at         TIMESTAMPTZ,
    closed_at       TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (channel, transaction_id),
    CHECK ((state IN ('paid', 'refunded')) = (paid_at IS NOT NULL)),
    CHECK (state <> 'closed' OR closed_at IS NOT NULL),
    CHECK (entry_id IS NULL OR state IN ('paid', 'refunded'))
);
CREATE INDEX IF NOT EXISTS recharge_orders_account_idx ON recharge_orders (account_id, id DESC);
CREATE INDEX IF NOT EXISTS recharge_orders_pending_idx ON recharge_orders (created_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS recharge_orders_paid_idx ON recharge_orders (paid_at) WHERE paid_at IS NOT NULL;
-- Refunds of paid orders through the original channel. out_refund_no is the provider's
-- idempotency key; the refund entry is written only when the provider says succeeded.
CREATE TABLE IF NOT EXISTS recharge_refunds (
    id              BIGSERIAL PRIMARY KEY,
    order_id        BIGINT NOT NULL REFERENCES recharge_orders (id),
    out_refund_no   TEXT NOT NULL UNIQUE CHECK (out_refund_no ~ '^[A-Za-z0-9]{6,64}$'),
    amount_fen      BIGINT NOT NULL CHECK (amount_fen > 0),
    reason          TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'processing' CHECK (state IN ('processing', 'succeeded', 'failed')),
    refund_id       TEXT,
    entry_id        BIGINT UNIQUE REFERENCES ledger_entries (id),
    actor           TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 140),
    flag            TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    settled_at      TIMESTAMPTZ,
    CHECK ((state = 'processing') = (settled_at IS NULL)),
    CHECK (entry_id IS NULL OR state = 'succeeded')
);
CREATE INDEX IF NOT EXISTS recharge_refunds_order_idx ON recharge_refunds (order_id, id);
CREATE INDEX IF NOT EXISTS recharge_refunds_open_idx ON recharge_refunds (created_at) WHERE state = 'processing';
-- A refund the provider has made is a fact: its entry may take the balance below zero (the
-- tenant spent the money meanwhile), unlike a cash refund. Provider refunds carry external_ref.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass
               AND conname = 'ledger_entries_check1'
               AND pg_get_constraintdef(oid) LIKE '%refund%balance_after_fen >= 0%'
               AND pg_get_constraintdef(oid) NOT LIKE '%external_ref%') THEN
        ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_check1;
        ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_check1
            CHECK (type <> 'refund' OR (amount_fen < 0 AND channel IS NOT NULL
                                        AND (balance_after_fen >= 0 OR external_ref IS NOT NULL)));
    END IF;
END $$;
-- A transfer out may not leave the balance below zero; between two meters of an account with
-- one balance per meter (the account's total does not move) the meter's balance is what counts.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass
               AND conname = 'ledger_entries_check3'
               AND pg_get_constraintdef(oid) LIKE '%transfer%'
               AND pg_get_constraintdef(oid) NOT LIKE '%meter_balance_after_fen%') THEN
        ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_check3;
        ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_check3
            CHECK (type <> 'transfer' OR amount_fen > 0 OR balance_after_fen >= 0 OR meter_balance_after_fen >= 0);
    END IF;
END $$;
-- Every notification received, verified or not, for finance and support: what came, what
-- it meant, what was done. Append-only.
CREATE TABLE IF NOT EXISTS payment_notifications (
    id           BIGSERIAL PRIMARY KEY,
    channel      TEXT NOT NULL,
    out_trade_no TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL, -- credited, duplicate, rejected, flagged, refund, ignored
    detail       TEXT NOT NULL DEFAULT '',
    remote_addr  TEXT NOT NULL DEFAULT '',
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS payment_notifications_order_idx ON payment_notifications (out_trade_no, id);
CREATE OR REPLACE TRIGGER payment_notifications_append_only BEFORE UPDATE OR DELETE ON payment_notifications
    FOR EACH ROW EXECUTE FUNCTION forbid_journal_change();

INSERT INTO schema_version (version) VALUES (14) ON CONFLICT DO NOTHING;

-- Least privilege (issue 10) ------------------------------------------------------------
-- No balance is born outside the ledger: an account starts at 0 and moves only through
-- ledger_before_insert (guard_account_balance refuses UPDATEs, this refuses INSERTs with a
-- balance). meter_balances rows come only from the ledger trigger (guard_meter_balance).
CREATE OR REPLACE FUNCTION guard_account_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.balance_fen <> 0 THEN
        RAISE EXCEPTION 'accounts.balance_fen starts at 0 and changes only through ledger_entries: open the account, then record a sale'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER accounts_insert_guard BEFORE INSERT ON accounts
    FOR EACH ROW WHEN (NEW.balance_fen <> 0) EXECUTE FUNCTION guard_account_insert();

-- Who made each credential (scopes are granted only by someone who holds them): an operator
-- (created_by, created_by_operator_id) or an API key (created_by_key_id); neither: the system.
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS created_by_key_id BIGINT REFERENCES api_keys (id);
ALTER TABLE operators ADD COLUMN IF NOT EXISTS created_by_operator_id BIGINT REFERENCES operators (id);
ALTER TABLE operators ADD COLUMN IF NOT EXISTS created_by_key_id BIGINT REFERENCES api_keys (id);

-- grant_app_privileges gives the server's login role (e.g. voltpay_app, made by scripts/run.sh)
-- what it needs and nothing more. The schema's owner applies schema.sql and calls this
-- (postgres.DB.GrantApp); the app role owns nothing, so it cannot ALTER or DISABLE TRIGGER,
-- and it never gets TRUNCATE, TRIGGER or REFERENCES. Journals are append-only for it by
-- privilege as well as by trigger: INSERT and SELECT only. Re-run after every migration, so
-- tables added later are granted too.
CREATE OR REPLACE FUNCTION grant_app_privileges(app NAME) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    journal TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE EXCEPTION 'role % does not exist: create it (CREATE ROLE % LOGIN PASSWORD ...) first', app, app
            USING ERRCODE = 'undefined_object';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app AND (rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb))
       OR EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = app) THEN
        RAISE EXCEPTION 'role % is a superuser, may create roles or databases, or owns tables: the server must connect as a role without those powers', app
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Nobody but the owner creates objects in public (PostgreSQL 15 default, made explicit).
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', app);
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), app);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    FOREACH journal IN ARRAY ARRAY['ledger_entries', 'audit_log', 'payment_notifications',
                                   'apportion_runs', 'apportion_lines', 'schema_version', 'site_imports'] LOOP
        EXECUTE format('REVOKE UPDATE, DELETE ON %I FROM %I', journal, app);
    END LOOP;
    EXECUTE format('REVOKE INSERT ON schema_version FROM %I', app);
END $$;
REVOKE ALL ON FUNCTION grant_app_privileges(NAME) FROM PUBLIC;

INSERT INTO schema_version (version) VALUES (15) ON CONFLICT DO NOTHING;

-- Opening an account is idempotent on its key (version 16, issue 11): the same openAccount
-- again returns the account it opened instead of a second account for the same tenant.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS idempotency_key TEXT UNIQUE
    CHECK (length(idempotency_key) BETWEEN 8 AND 140);

INSERT INTO schema_version (version) VALUES (16) ON CONFLICT DO NOTHING;

-- Permissions are lower snake case, like every other enum value of the API (version 17): API
-- keys made before hold their scopes upper case (READ_ACCOUNTS), which no permission matches
-- any more; they become read_accounts, in their order. Rows already lower case are left alone.
UPDATE api_keys
SET scopes = ARRAY(SELECT lower(s) FROM unnest(scopes) WITH ORDINALITY AS u(s, i) ORDER BY i)
WHERE scopes::text <> lower(scopes::text);

INSERT INTO schema_version (version) VALUES (17) ON CONFLICT DO NOTHING;

-- Spreadsheets (version 18, issue 13): the export reads a site's meters page by page in id
-- order (keyset), as the meters console does; without this index a page had only the primary
-- key to follow, filtering out the other sites' meters on the way. site_imports records each site imported from one sheet
-- (快速配置) under the sheet's sha256, so that the same file posted twice writes once; its
-- row commits with everything the sheet created. Append-only for the app role, like the
-- journals (grant_app_privileges).
CREATE INDEX IF NOT EXISTS meters_site_idx ON meters (site_id, id);
CREATE TABLE IF NOT EXISTS site_imports (
    id           BIGSERIAL PRIMARY KEY,
    site_id      BIGINT NOT NULL REFERENCES sites (id),
    sheet_sha256 TEXT NOT NULL CHECK (sheet_sha256 ~ '^[0-9a-f]{64}$'),
    summary      JSONB NOT NULL,
    actor        TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, sheet_sha256)
);

INSERT INTO schema_version (version) VALUES (18) ON CONFLICT DO NOTHING;

-- The admin console (version 19) ---------------------------------------------------------
-- account_since: when the meter was attached to its current account (NULL: before this
-- column, when the account's opened_at stands in for it). An account's energy chart counts
-- each meter's readings from then on, so that neither the account's operators nor its tenant
-- see what the meter measured for a tenant before (ReportService.EnergyUsage).
ALTER TABLE meters ADD COLUMN IF NOT EXISTS account_since TIMESTAMPTZ;
-- Tenant logins can be disabled (their sessions end) and show when they last signed in.
ALTER TABLE tenant_users ADD COLUMN IF NOT EXISTS disabled BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE tenant_users ADD COLUMN IF NOT EXISTS last_login_at TIMESTAMPTZ;
CREATE INDEX IF NOT EXISTS tenant_users_account_idx ON tenant_users (account_id, id);
-- An operator's reset of a tenant login's password is idempotent on its key: the first reset's
-- login and password hash, so that a retry with the same key and password changes nothing
-- more, and one with another login or password is a conflict. Keys are unique for good.
CREATE TABLE IF NOT EXISTS tenant_password_resets (
    idempotency_key TEXT PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 8 AND 100),
    tenant_user_id  BIGINT NOT NULL REFERENCES tenant_users (id),
    password_hash   TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO schema_version (version) VALUES (19) ON CONFLICT DO NOTHING;

-- Tenant people and their accounts (version 20) ---------------------------------------------
-- A tenant_users row is now a person of the tenant app, who signs in by phone and password
-- (an operator made the login), by an SMS code sent to their phone, or from the WeChat
-- mini-program (wechat_openid). A person is bound to any number of accounts and an account to
-- any number of people (tenant_bindings); account_id stays as the account an operator made
-- the login for (NULL for people who signed themselves up), for the console's list of an
-- account's logins. Before this version each login was bound to its account_id: those
-- bindings are made once, here, as are their sessions' current accounts.
ALTER TABLE tenant_users ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE tenant_users ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE tenant_users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE tenant_users ADD COLUMN IF NOT EXISTS wechat_openid TEXT UNIQUE
    CHECK (length(wechat_openid) BETWEEN 1 AND 128);
ALTER TABLE tenant_users DROP CONSTRAINT IF EXISTS tenant_users_identity_check;
ALTER TABLE tenant_users ADD CONSTRAINT tenant_users_identity_check
    CHECK (phone IS NOT NULL OR wechat_openid IS NOT NULL);

CREATE TABLE IF NOT EXISTS tenant_bindings (
    id             BIGSERIAL PRIMARY KEY,
    tenant_user_id BIGINT NOT NULL REFERENCES tenant_users (id),
    account_id     BIGINT NOT NULL REFERENCES accounts (id),
    -- How the person proved they may see the account: an operator made the login for it,
    -- the binding code of its opening receipt, or an SMS code sent to its contact phone.
    via            TEXT NOT NULL CHECK (via IN ('operator', 'binding_code', 'sms')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_user_id, account_id)
);
CREATE INDEX IF NOT EXISTS tenant_bindings_account_idx ON tenant_bindings (account_id, id);

-- A session's current account: the one of the person's bound accounts its requests see.
-- It counts only while the binding exists (a revoked binding loses it at the next request).
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS account_id BIGINT REFERENCES accounts (id);

INSERT INTO tenant_bindings (tenant_user_id, account_id, via, created_at)
SELECT t.id, t.account_id, 'operator', t.created_at FROM tenant_users t
WHERE t.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 20)
ON CONFLICT DO NOTHING;
UPDATE sessions s SET account_id = t.account_id FROM tenant_users t
WHERE s.tenant_user_id = t.id AND s.account_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 20);

-- The binding code printed on an account's opening receipt (绑定码): 8 characters of an
-- alphabet without look-alikes (no 0/O, 1/I), 40 random bits from gen_random_uuid's strong
-- random bytes (bytes 6 and 8 hold the UUID's version and variant). It is kept as it is,
-- since operators show it again (account detail, a reprinted receipt); guesses are limited
-- by the server.
CREATE OR REPLACE FUNCTION new_binding_code() RETURNS TEXT
LANGUAGE sql VOLATILE AS $$
    SELECT string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + get_byte(r.b, i.n) % 32, 1), '' ORDER BY i.n)
    FROM (SELECT uuid_send(gen_random_uuid()) AS b) r, unnest(ARRAY[0, 1, 2, 3, 4, 5, 10, 11]) AS i(n)
$$;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS binding_code TEXT;
UPDATE accounts SET binding_code = new_binding_code() WHERE binding_code IS NULL;
ALTER TABLE accounts ALTER COLUMN binding_code SET DEFAULT new_binding_code();
ALTER TABLE accounts ALTER COLUMN binding_code SET NOT NULL;

-- One-time SMS codes: to sign in (purpose sign_in) or to bind an account whose contact phone
-- receives it (bind: account_id, and the person who asked). Only a salted SHA-256 of the
-- 6-digit code is kept; a code works once, for 5 minutes, and for 5 wrong guesses at most.
CREATE TABLE IF NOT EXISTS tenant_sms_codes (
    id             BIGSERIAL PRIMARY KEY,
    purpose        TEXT NOT NULL CHECK (purpose IN ('sign_in', 'bind')),
    phone          TEXT NOT NULL,
    account_id     BIGINT REFERENCES accounts (id),
    tenant_user_id BIGINT REFERENCES tenant_users (id),
    code_hash      BYTEA NOT NULL,
    salt           BYTEA NOT NULL,
    attempts       INT NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    CHECK ((purpose = 'bind') = (account_id IS NOT NULL AND tenant_user_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS tenant_sms_codes_phone_idx ON tenant_sms_codes (phone, purpose, id);
CREATE INDEX IF NOT EXISTS tenant_sms_codes_expires_idx ON tenant_sms_codes (expires_at);

INSERT INTO schema_version (version) VALUES (20) ON CONFLICT DO NOTHING;

-- Printed receipts (version 21) ----------------------------------------------------------
-- A site's receipt layout (receipt.Layout as JSON: title, footer lines, which fields print,
-- a PNG logo, the public address the QR code opens): NULL prints the defaults. The server
-- checks it (receipt.ParseLayout) before writing; the bound keeps a row small whatever wrote it.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS receipt_layout JSONB
    CHECK (octet_length(receipt_layout::text) <= 131072);

INSERT INTO schema_version (version) VALUES (21) ON CONFLICT DO NOTHING;

-- Sales and charges rollup (version 22) --------------------------------------------------
-- ledger_daily adds up the ledger per local day (the site's time zone when the entry was
-- written), account, type, what a reversal or correction undoes (of_type: the type of the
-- entry it reverses or corrects; '' otherwise), channel, the meter's building and who made it
-- (operator, API key, or the name recorded when no operator made it), so that the sales,
-- daily settlement and charges reports read a few rows per account and day instead of the
-- ledger. NULLs are stored as 0 or '' so that the key is a plain primary key.
-- Kept by ledger_daily_add, one statement-level trigger per INSERT on the ledger: a charging
-- batch of 20,000 entries costs one grouped upsert, not 20,000. Written only by triggers
-- (guard_ledger_daily, like meter_balances): a recount goes through ledger_daily_rebuilds.
CREATE TABLE IF NOT EXISTS ledger_daily (
    day         DATE NOT NULL,
    site_id     BIGINT NOT NULL,
    building_id BIGINT NOT NULL DEFAULT 0,
    account_id  BIGINT NOT NULL,
    type        TEXT NOT NULL,
    of_type     TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL DEFAULT '',
    operator_id BIGINT NOT NULL DEFAULT 0,
    api_key_id  BIGINT NOT NULL DEFAULT 0,
    actor       TEXT NOT NULL DEFAULT '',
    amount_fen  BIGINT NOT NULL,
    entries     BIGINT NOT NULL,
    PRIMARY KEY (day, account_id, type, of_type, channel, building_id, operator_id, api_key_id, actor)
);
-- Reports ask for one site over a range of days; the sales reports only for the rows with a
-- channel, a small part of the table beside the charges.
CREATE INDEX IF NOT EXISTS ledger_daily_site_idx ON ledger_daily (site_id, day);
CREATE INDEX IF NOT EXISTS ledger_daily_sales_idx ON ledger_daily (site_id, day) WHERE channel <> '';

-- ledger_daily_query is the SELECT that rolls up the entries of source (the ledger, or a
-- trigger's transition table) into ledger_daily's rows: one text, so that the trigger and
-- the scan the tests compare against cannot drift apart.
CREATE OR REPLACE FUNCTION ledger_daily_query(source TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
    SELECT day, site_id, building_id, account_id, type, of_type, channel, operator_id, api_key_id, actor,
           sum(amount_fen)::BIGINT AS amount_fen, sum(n)::BIGINT AS entries
    FROM (SELECT (e.created_at AT TIME ZONE s.timezone)::DATE AS day, a.site_id,
                 coalesce(m.building_id, 0) AS building_id, e.account_id, e.type,
                 CASE WHEN e.reverses_id IS NOT NULL THEN (SELECT o.type FROM ledger_entries o WHERE o.id = e.reverses_id)
                      WHEN e.corrects_id IS NOT NULL THEN (SELECT o.type FROM ledger_entries o WHERE o.id = e.corrects_id)
                      ELSE '' END AS of_type,
                 e.channel, e.operator_id, e.api_key_id, e.actor, e.amount_fen, e.n
          -- Added up first by what the entries hold themselves: a charging batch, all written at
          -- one time, shrinks to a row per account and meter before the lookups.
          FROM (SELECT account_id, meter_id, created_at, type, reverses_id, corrects_id,
                       coalesce(channel, '') AS channel, coalesce(operator_id, 0) AS operator_id,
                       coalesce(api_key_id, 0) AS api_key_id,
                       CASE WHEN operator_id IS NULL THEN actor ELSE '' END AS actor,
                       sum(amount_fen) AS amount_fen, count(*) AS n
                FROM %s
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) e
          JOIN accounts a ON a.id = e.account_id
          JOIN sites s ON s.id = a.site_id
          LEFT JOIN meters m ON m.id = e.meter_id) r
    GROUP BY day, site_id, building_id, account_id, type, of_type, channel, operator_id, api_key_id, actor
$q$, source)
$f$;

-- jit off: the query's estimated cost crosses jit_above_cost, and compiling it took ten times
-- what running it takes (3 s against 0.3 s for a batch of 20,000 charges, measured).
CREATE OR REPLACE FUNCTION ledger_daily_add() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
    -- Sorted by the key, so that two batches touching the same rows lock them in one order.
    EXECUTE 'INSERT INTO ledger_daily AS d (day, site_id, building_id, account_id, type, of_type, channel,
                 operator_id, api_key_id, actor, amount_fen, entries)
             SELECT * FROM (' || ledger_daily_query('added') || ') x
             ORDER BY day, account_id, type, of_type, channel, building_id, operator_id, api_key_id, actor
             ON CONFLICT (day, account_id, type, of_type, channel, building_id, operator_id, api_key_id, actor)
             DO UPDATE SET amount_fen = d.amount_fen + EXCLUDED.amount_fen, entries = d.entries + EXCLUDED.entries';
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER ledger_daily_add AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_daily_add();

CREATE OR REPLACE FUNCTION guard_ledger_daily() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'ledger_daily changes only through ledger_entries (recount: INSERT INTO ledger_daily_rebuilds DEFAULT VALUES)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER ledger_daily_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_daily
    FOR EACH ROW EXECUTE FUNCTION guard_ledger_daily();
CREATE OR REPLACE TRIGGER ledger_daily_no_truncate BEFORE TRUNCATE ON ledger_daily
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_journal_change();

-- ledger_daily_scan is the rollup recomputed from a scan of the whole ledger: what
-- ledger_daily must equal (the tests compare them), and what a recount writes.
CREATE OR REPLACE FUNCTION ledger_daily_scan() RETURNS SETOF ledger_daily
LANGUAGE plpgsql STABLE SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE ledger_daily_query('ledger_entries');
END $$;

-- A row here recounts ledger_daily from the ledger (its trigger may write the rollup): the
-- backfill below, or after a site's time zone changed (the days were counted in the old one).
CREATE TABLE IF NOT EXISTS ledger_daily_rebuilds (
    id     BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION rebuild_ledger_daily() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- No entry is written while the rollup is recounted: none counted twice or missed.
    LOCK TABLE ledger_entries IN SHARE MODE;
    DELETE FROM ledger_daily;
    INSERT INTO ledger_daily SELECT * FROM ledger_daily_scan();
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER ledger_daily_rebuild AFTER INSERT ON ledger_daily_rebuilds
    FOR EACH ROW EXECUTE FUNCTION rebuild_ledger_daily();

-- Backfill once, when this version is first applied.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 22) THEN
        INSERT INTO ledger_daily_rebuilds DEFAULT VALUES;
    END IF;
END $$;

INSERT INTO schema_version (version) VALUES (22) ON CONFLICT DO NOTHING;

-- Version 24: operational reports (issue 15, part 3) ---------------------------------------
-- The alarm report (OpsReportService.AlarmStats) reads the alarms raised over a range, open
-- or cleared; alarms_active_idx covers only the open ones.
CREATE INDEX IF NOT EXISTS alarms_raised_idx ON alarms (raised_at);
INSERT INTO schema_version (version) VALUES (24) ON CONFLICT DO NOTHING;
