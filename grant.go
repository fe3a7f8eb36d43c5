package voltpay

import "strings"

// Least privilege: a caller hands out only what it holds. An API key or an
// operator with manage_operators may create credentials, but never with a
// permission it lacks itself, so that managing operators is not a way to
// every other permission.

// CanGrant returns FORBIDDEN unless p holds every permission in perms, naming
// the ones it lacks.
func (p *Principal) CanGrant(perms []Permission) error {
	var missing []string
	for _, perm := range perms {
		if !p.Can(perm) && !contains(missing, string(perm)) {
			missing = append(missing, string(perm))
		}
	}
	if len(missing) > 0 {
		return Errorf(EFORBIDDEN, "you cannot grant %s: you do not hold it yourself; ask an administrator", strings.Join(missing, ", "))
	}
	return nil
}

// CanAssignRole returns FORBIDDEN unless p may give an operator role r (or
// change an operator who has it): p must hold every permission of r, and
// only an admin operator (or the system) may make or change an admin, whose
// power includes permissions added later.
func (p *Principal) CanAssignRole(r Role) error {
	if r == RoleAdmin && (p == nil || !(p.Kind == PrincipalSystem || (p.Kind == PrincipalOperator && p.Role == RoleAdmin))) {
		return Errorf(EFORBIDDEN, "only an admin operator may create or change an admin operator")
	}
	return p.CanGrant(r.Permissions())
}
