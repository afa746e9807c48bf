package azuresim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

// AdminCommand is the first argument that selects the administration CLI
// in the plugin binary (the engine starts plugins with an address instead).
const AdminCommand = "sim"

// adminUsage documents the administration CLI.
const adminUsage = `usage: pulumi-resource-azure-native sim <command> [arguments]

Administers the simulated Azure cloud of the offline azure-native test double
(never Azure). The cloud is the JSON file named by AZSIM_STATE.

commands:
  list                                   resources: type and ARM ID, one a line
  show <id>                              one resource as JSON (secrets appear only as digests)
  set <id> <property.path> <json-value>  change an output out of band (drift); null removes it
  delete <id>                            delete out of band (locks apply; vaults are soft-deleted)
  deleted                                soft-deleted vaults
  purge <vaultName>                      purge a soft-deleted vault (refused under purge protection)
  put <type-token> <arm-id> <json>       pre-seed an existing resource (inputs as JSON, such as
                                         {"addressPrefix":"10.0.1.0/24"} for a subnet); other types
                                         than the simulated ones are stored as given
  types                                  the simulated resource types
`

// errUsage marks a usage error (exit status 2).
var errUsage = errors.New("usage error")

// RunAdmin runs the administration CLI with the arguments that follow
// "sim" and returns the process exit status: 0 on success, 1 when the
// operation failed, 2 on a usage error.
func RunAdmin(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if getenv == nil {
		getenv = os.Getenv
	}
	err := runAdmin(args, stdout, getenv)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "%v\n\n%s", err, adminUsage)
		return 2
	default:
		fmt.Fprintln(stderr, err)
		return 1
	}
}

func runAdmin(args []string, stdout io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) == 0 {
			return fmt.Errorf("%w: missing command", errUsage)
		}
		_, err := io.WriteString(stdout, adminUsage)
		return err
	}
	cmd, rest := args[0], args[1:]
	want := map[string]int{"list": 0, "show": 1, "set": 3, "delete": 1, "deleted": 0, "purge": 1, "put": 3, "types": 0}
	n, known := want[cmd]
	if !known {
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	if len(rest) != n {
		return fmt.Errorf("%w: %s takes %d argument(s), got %d", errUsage, cmd, n, len(rest))
	}
	if cmd == "types" {
		for _, t := range SimulatedTypes() {
			fmt.Fprintln(stdout, t)
		}
		return nil
	}
	path := strings.TrimSpace(getenv(EnvState))
	if path == "" {
		return ErrStateUnset
	}
	settings, err := settingsFromEnv(getenv)
	if err != nil {
		return err
	}
	cloud := NewCloud(NewStore(path, time.Now), settings, time.Now)
	switch cmd {
	case "list":
		return adminList(cloud, stdout)
	case "show":
		return adminShow(cloud, stdout, rest[0])
	case "set":
		return adminSet(cloud, stdout, rest[0], rest[1], rest[2])
	case "delete":
		return adminDelete(cloud, stdout, rest[0])
	case "deleted":
		return adminDeleted(cloud, stdout)
	case "purge":
		return cloud.store.Update(func(w *World) error {
			if err := purgeVault(cloud, w, rest[0]); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "purged vault %s\n", rest[0])
			return nil
		})
	default: // put
		return adminPut(cloud, stdout, rest[0], rest[1], rest[2])
	}
}

func adminList(cloud *Cloud, stdout io.Writer) error {
	return cloud.store.View(func(w *World) error {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		for _, r := range w.Sorted() {
			seeded := ""
			if r.Seeded {
				seeded = "\t(seeded)"
			}
			fmt.Fprintf(tw, "%s\t%s%s\n", r.Type, r.ID, seeded)
		}
		return tw.Flush()
	})
}

func adminShow(cloud *Cloud, stdout io.Writer, id string) error {
	return cloud.store.View(func(w *World) error {
		r, ok := w.Get(id)
		if !ok {
			return azErr(404, "ResourceNotFound", "The resource '%s' was not found in the simulated cloud.", id)
		}
		view := map[string]any{
			"id": r.ID, "type": r.Type, "seeded": r.Seeded,
			"createdAt": timestamp(r.CreatedAt), "updatedAt": timestamp(r.UpdatedAt),
			"inputs": r.Inputs, "outputs": liveOutputs(w, r),
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(view)
	})
}

// adminSet changes one output of a resource out of band. When the same
// value is also an input (same path, or under "properties" for types whose
// outputs are flattened) the stored request body follows. Secret inputs
// (a Key Vault secret's properties.value) are stored as a digest.
func adminSet(cloud *Cloud, stdout io.Writer, id, pathText, valueText string) error {
	p, err := parsePath(pathText)
	if err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	var val any
	if err := json.Unmarshal([]byte(valueText), &val); err != nil {
		return fmt.Errorf("%w: the value %q is not JSON (quote strings: '\"Enabled\"'): %w", errUsage, valueText, err)
	}
	return cloud.store.Update(func(w *World) error {
		r, ok := w.Get(id)
		if !ok {
			return azErr(404, "ResourceNotFound", "The resource '%s' was not found in the simulated cloud.", id)
		}
		if lock, locked := lockBlocking(w, r.ID, "write"); locked && r.Type != tokManagementLock {
			return scopeLockedError(r.ID, "write", lock)
		}
		spec := registry[r.Type]
		book := newSecretBook(w.SecretSalt)
		if spec != nil {
			for _, sp := range spec.SecretInputs {
				if mustPath(sp).String() == p.String() {
					if val == nil {
						deletePath(r.Inputs, p)
					} else if err := setPath(r.Inputs, p, book.seal(val)); err != nil {
						return err
					}
					r.UpdatedAt = time.Now()
					fmt.Fprintf(stdout, "set secret %s of %s (stored as a digest)\n", p, r.ID)
					return nil
				}
			}
		}
		if old, ok := getPath(r.Outputs, p); ok && isSecretMarker(old) && val != nil {
			val = book.seal(val)
		}
		if err := setOrDelete(r.Outputs, p, val); err != nil {
			return err
		}
		inPath := p
		if spec != nil && spec.FlattenProperties {
			inPath = append(propertyPath{{key: "properties"}}, p...)
		}
		if spec != nil && spec.outputPath(inPath) != nil {
			if _, ok := getPath(r.Inputs, inPath); ok {
				if err := setOrDelete(r.Inputs, inPath, deepCopy(val)); err != nil {
					return err
				}
			}
		}
		r.UpdatedAt = time.Now()
		fmt.Fprintf(stdout, "set %s of %s\n", p, r.ID)
		return nil
	})
}

// setOrDelete sets a value, or removes it when the value is null.
func setOrDelete(m map[string]any, p propertyPath, val any) error {
	if val == nil {
		deletePath(m, p)
		return nil
	}
	return setPath(m, p, val)
}

func adminDelete(cloud *Cloud, stdout io.Writer, id string) error {
	return cloud.store.Update(func(w *World) error {
		r, ok := w.Get(id)
		if !ok {
			return azErr(404, "ResourceNotFound", "The resource '%s' was not found in the simulated cloud.", id)
		}
		if err := cloud.delete(w, r.ID); err != nil {
			return err
		}
		if r.Type == tokVault {
			fmt.Fprintf(stdout, "soft-deleted vault %s (recover it with createMode 'recover', or purge it)\n", r.ID)
		} else {
			fmt.Fprintf(stdout, "deleted %s\n", r.ID)
		}
		return nil
	})
}

func adminDeleted(cloud *Cloud, stdout io.Writer) error {
	return cloud.store.View(func(w *World) error {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tDELETED\tSCHEDULED PURGE\tPURGE PROTECTION\tID")
		for _, d := range w.SortedDeletedVaults() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%t\t%s\n", d.Name, timestamp(d.DeletionDate), timestamp(d.ScheduledPurgeDate), d.PurgeProtection, d.ID)
		}
		return tw.Flush()
	})
}

// adminPut pre-seeds a resource that exists outside the program. For a
// simulated type the path parameters come from the ID and the outputs are
// built as for a real create, without checking parents or rules.
func adminPut(cloud *Cloud, stdout io.Writer, token, id, propsText string) error {
	var props map[string]any
	if err := json.Unmarshal([]byte(propsText), &props); err != nil {
		return fmt.Errorf("%w: the properties %q are not a JSON object: %w", errUsage, propsText, err)
	}
	if props == nil {
		props = map[string]any{}
	}
	if !strings.HasPrefix(id, "/") {
		return fmt.Errorf("%w: %q is not an ARM resource ID", errUsage, id)
	}
	return cloud.store.Update(func(w *World) error {
		spec, err := lookupSpec(token)
		if err != nil {
			// A type the simulator does not model: store it as given, so
			// that references to it (a storage account, an event hub) hold.
			now := time.Now()
			out := copyMap(props)
			out["name"] = lastSegment(id)
			w.Put(&Record{ID: id, Type: canonicalToken(token), Inputs: props, Outputs: out, Seeded: true, CreatedAt: now, UpdatedAt: now})
			fmt.Fprintf(stdout, "seeded %s (%s, stored as given)\n", id, token)
			return nil
		}
		params, err := parseID(spec.IDTemplate, id)
		if err != nil {
			return fmt.Errorf("%w: %w", errUsage, err)
		}
		for k, v := range params {
			if k != "subscriptionId" {
				props[k] = v
			}
		}
		newSecretBook(w.SecretSalt).sealPaths(props, spec.SecretInputs)
		rec, err := cloud.put(w, spec, props, putOptions{seeding: true, subscription: params["subscriptionId"]})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "seeded %s (%s)\n", rec.ID, spec.Token)
		return nil
	})
}
