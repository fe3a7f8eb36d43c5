package postgres

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/auth"
)

// Operators -------------------------------------------------------------------

const operatorColumns = `id, username, display_name, role, disabled, created_at, last_login_at`

var usernameRE = regexp.MustCompile(`^[a-z0-9_.-]{3,32}$`)

// validateOperator normalises in and checks it. The password is required
// when creating; when updating, empty keeps the old one.
func validateOperator(in *voltpay.OperatorInput, create bool) error {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if !usernameRE.MatchString(in.Username) {
		return voltpay.Invalid("username", "username %q must be 3 to 32 characters of a-z, 0-9, '_', '.' and '-', e.g. zhang.san", in.Username)
	}
	if utf8.RuneCountInString(in.DisplayName) > 100 {
		return voltpay.Invalid("displayName", "display name is at most 100 characters")
	}
	if err := in.Role.Validate(); err != nil {
		return err
	}
	if create || in.Password != "" {
		return auth.ValidatePassword(in.Password)
	}
	return nil
}

// FindOperators returns a page of operators, oldest first, disabled ones
// included. Errors: UNAVAILABLE.
func (s *AuthService) FindOperators(ctx context.Context, f voltpay.OperatorFilter) (*voltpay.Page[*voltpay.Operator], error) {
	return findPage[*voltpay.Operator](ctx, s.db, operatorColumns, "operators", where{}, f.Page, false)
}

// FindOperatorByID returns one operator. Errors: NOT_FOUND.
func (s *AuthService) FindOperatorByID(ctx context.Context, id int64) (*voltpay.Operator, error) {
	o := &voltpay.Operator{}
	if err := s.db.GetContext(ctx, o, `SELECT `+operatorColumns+` FROM operators WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "operator", id)
	}
	return o, nil
}

// CreateOperator adds an operator with a hashed password, recording who
// created it. Errors: INVALID_INPUT, FORBIDDEN (the caller lacks a
// permission of the role, or makes an admin without being one), CONFLICT
// (username taken).
func (s *AuthService) CreateOperator(ctx context.Context, in voltpay.OperatorInput) (*voltpay.Operator, error) {
	if err := validateOperator(&in, true); err != nil {
		return nil, err
	}
	if err := voltpay.PrincipalFrom(ctx).CanAssignRole(in.Role); err != nil {
		return nil, err
	}
	byOperator, byKey := creator(ctx)
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	o := &voltpay.Operator{}
	err = s.db.GetContext(ctx, o, `INSERT INTO operators (username, display_name, role, password_hash, disabled, created_at,
		created_by_operator_id, created_by_key_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING `+operatorColumns,
		in.Username, in.DisplayName, in.Role, hash, in.Disabled, s.db.Now(), byOperator, byKey)
	if err != nil {
		return nil, mapError(err)
	}
	return o, nil
}

// UpdateOperator edits an operator; fields absent from in.Fields keep their
// values, and an empty password keeps the old one.
// Disabling an operator or changing their password ends their sessions.
// The caller must be allowed to assign both the operator's role and the
// new one (voltpay.Principal.CanAssignRole): otherwise resetting a more
// powerful operator's password would be a way to their permissions.
// Errors: NOT_FOUND, INVALID_INPUT, FORBIDDEN, CONFLICT (username taken,
// disabling yourself, demoting or disabling the last enabled admin).
func (s *AuthService) UpdateOperator(ctx context.Context, id int64, in voltpay.OperatorInput) (*voltpay.Operator, error) {
	p := voltpay.PrincipalFrom(ctx)
	var hash *string
	if in.Password != "" {
		// Hashed before the transaction: bcrypt is slow and the operators lock shared.
		if err := auth.ValidatePassword(in.Password); err != nil {
			return nil, err
		}
		h, err := auth.HashPassword(in.Password)
		if err != nil {
			return nil, err
		}
		hash = &h
	}
	o := &voltpay.Operator{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, operatorsLockID); err != nil {
			return err
		}
		old := &voltpay.Operator{}
		if err := tx.GetContext(ctx, old, `SELECT `+operatorColumns+` FROM operators WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "operator", id)
		}
		// Under the lock, so two partial updates cannot undo each other.
		voltpay.KeepAbsent(&in, old.AsInput(), in.Fields)
		if err := validateOperator(&in, false); err != nil {
			return err
		}
		if err := p.CanAssignRole(old.Role); err != nil {
			return err
		}
		if err := p.CanAssignRole(in.Role); err != nil {
			return err
		}
		if err := checkOperatorChange(ctx, tx, old, in); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, o, `UPDATE operators
			SET username = $2, display_name = $3, role = $4, disabled = $5, password_hash = coalesce($6, password_hash)
			WHERE id = $1 RETURNING `+operatorColumns,
			id, in.Username, in.DisplayName, in.Role, in.Disabled, hash); err != nil {
			return err
		}
		if in.Disabled || hash != nil {
			_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE operator_id = $1`, id)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, mapError(err)
	}
	return o, nil
}

// checkOperatorChange refuses disabling yourself and leaving no enabled
// admin. The caller holds operatorsLockID, so admins are counted safely.
func checkOperatorChange(ctx context.Context, tx *Tx, old *voltpay.Operator, in voltpay.OperatorInput) error {
	p := voltpay.PrincipalFrom(ctx)
	if in.Disabled && p != nil && p.Kind == voltpay.PrincipalOperator && p.ID == old.ID {
		return voltpay.Errorf(voltpay.ECONFLICT, "you cannot disable your own operator account; ask another administrator to do it")
	}
	if old.Role != voltpay.RoleAdmin || old.Disabled || (in.Role == voltpay.RoleAdmin && !in.Disabled) {
		return nil
	}
	var others int
	if err := tx.GetContext(ctx, &others, `SELECT count(*) FROM operators
		WHERE role = 'admin' AND NOT disabled AND id <> $1`, old.ID); err != nil {
		return err
	}
	if others == 0 {
		return voltpay.Errorf(voltpay.ECONFLICT, "%s is the last enabled admin: make another operator admin first, so that someone can still manage operators", old.Username)
	}
	return nil
}

// EnsureAdmin creates operator "admin" (role admin) with password when the
// operators table is empty, and reports whether it did. Concurrent calls
// from several server instances create one admin. Errors: INVALID_INPUT
// (weak password).
func (s *AuthService) EnsureAdmin(ctx context.Context, password string) (bool, error) {
	if err := auth.ValidatePassword(password); err != nil {
		return false, err
	}
	var exists bool
	if err := s.db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM operators)`); err != nil || exists {
		return false, mapError(err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return false, err
	}
	created := false
	err = s.db.inTx(ctx, func(tx *Tx) error {
		created = false
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, operatorsLockID); err != nil {
			return err
		}
		// Read committed: this statement sees what a concurrent caller
		// committed before releasing the lock.
		if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM operators)`); err != nil || exists {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO operators (username, display_name, role, password_hash, created_at)
			VALUES ('admin', 'Administrator', 'admin', $1, $2)`, hash, tx.now)
		created = err == nil
		return err
	})
	return created, mapError(err)
}

// API keys ----------------------------------------------------------------------

// CreateAPIKey makes an API key with the given scopes, recording the
// calling operator or API key as its creator, and returns it with its full
// secret "vpk_<prefix>_<secret>", which is shown this once: only its hash
// is stored. The caller must hold every scope it grants.
// Errors: INVALID_INPUT (name, scopes), FORBIDDEN (a scope the caller lacks).
func (s *AuthService) CreateAPIKey(ctx context.Context, name string, scopes []voltpay.Permission) (*voltpay.APIKey, string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return nil, "", voltpay.Invalid("name", "give the API key a name of 1 to 100 characters saying who uses it, e.g. \"BMS integration\"")
	}
	if err := voltpay.ValidateScopes(scopes); err != nil {
		return nil, "", err
	}
	if err := voltpay.PrincipalFrom(ctx).CanGrant(scopes); err != nil {
		return nil, "", err
	}
	list := pq.StringArray{}
	for _, p := range scopes {
		if !slices.Contains(list, string(p)) {
			list = append(list, string(p))
		}
	}
	byOperator, byKey := creator(ctx)
	for attempt := 0; ; attempt++ {
		prefix, secret, full := auth.NewAPIKey()
		r := &apiKeyRow{}
		err := s.db.GetContext(ctx, r, `INSERT INTO api_keys (name, prefix, secret_hash, scopes, created_by, created_by_key_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING `+apiKeyColumns+`, `+apiKeyCreator,
			name, prefix, auth.HashToken(secret), list, byOperator, byKey, s.db.Now())
		if isUnique(err, "api_keys_prefix_key") && attempt < 3 {
			continue // 1 in 4 billion per existing key: draw another
		} else if err != nil {
			return nil, "", mapError(err)
		}
		return r.key(), full, nil
	}
}

// RevokeAPIKey revokes an API key for good; requests with it fail from now
// on. Errors: NOT_FOUND, CONFLICT (already revoked).
func (s *AuthService) RevokeAPIKey(ctx context.Context, id int64) (*voltpay.APIKey, error) {
	r := &apiKeyRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.GetContext(ctx, r, `SELECT `+apiKeyColumns+` FROM api_keys WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err, "API key", id)
		}
		if r.RevokedAt != nil {
			return voltpay.Errorf(voltpay.ECONFLICT, "API key %q (vpk_%s_…) was already revoked at %s; nothing to do",
				r.Name, r.Prefix, r.RevokedAt.UTC().Format("2006-01-02 15:04:05 UTC"))
		}
		return tx.GetContext(ctx, r, `UPDATE api_keys SET revoked_at = $2 WHERE id = $1 RETURNING `+apiKeyColumns+`, `+apiKeyCreator, id, tx.now)
	})
	if err != nil {
		return nil, mapError(err)
	}
	s.keys.forget(id)
	return r.key(), nil
}

// FindAPIKeys returns a page of API keys, oldest first, revoked ones
// included. Errors: UNAVAILABLE.
func (s *AuthService) FindAPIKeys(ctx context.Context, f voltpay.APIKeyFilter) (*voltpay.Page[*voltpay.APIKey], error) {
	return findRowPage(ctx, s.db, apiKeyColumns+`, `+apiKeyCreator, "api_keys", where{}, f.Page, false, (*apiKeyRow).key)
}

// apiKeyCreator names who created the api_keys row in scope (APIKey.Creator):
// "operator <username>", "API key <name>", or "system".
const apiKeyCreator = `coalesce((SELECT 'operator ' || o.username FROM operators o WHERE o.id = api_keys.created_by),
	(SELECT 'API key ' || k.name FROM api_keys k WHERE k.id = api_keys.created_by_key_id), 'system') AS creator`

// creator returns the operator or API key acting in ctx, for the created_by
// columns; both nil for the system.
func creator(ctx context.Context) (operatorID, keyID *int64) {
	switch p := voltpay.PrincipalFrom(ctx); {
	case p == nil:
	case p.Kind == voltpay.PrincipalOperator:
		return &p.ID, nil
	case p.Kind == voltpay.PrincipalAPIKey:
		return nil, &p.ID
	}
	return nil, nil
}
