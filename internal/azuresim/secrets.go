package azuresim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// secretBook seals secret values into salted SHA-256 digests and remembers,
// in memory only and for the duration of one request, which plaintext each
// digest stands for. The simulated cloud only ever holds the digests; a
// plaintext can come back out of the simulator only when the engine itself
// sent it in the same request (for example the old inputs of a Read), and
// then always wrapped as a secret.
type secretBook struct {
	salt  string
	known map[string]any
}

// newSecretBook returns a book that digests with the world's salt.
func newSecretBook(salt string) *secretBook {
	return &secretBook{salt: salt, known: map[string]any{}}
}

// digest returns the salted SHA-256 of a plain value.
func (b *secretBook) digest(plain any) string {
	data, err := json.Marshal(plain)
	if err != nil {
		// Plain values always marshal; keep a stable fallback anyway.
		data = []byte("unmarshalable")
	}
	h := sha256.New()
	h.Write([]byte(b.salt))
	h.Write([]byte{0})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// seal digests a plaintext, remembers it and returns its marker.
func (b *secretBook) seal(plain any) map[string]any {
	d := b.digest(plain)
	b.known[d] = plain
	return secretMarker(d)
}

// open returns the plaintext of a digest seen in this request.
func (b *secretBook) open(digest string) (any, bool) {
	if b == nil {
		return nil, false
	}
	v, ok := b.known[digest]
	return v, ok
}

// sealPaths seals the values at the given paths of m that are not sealed
// yet. It is used for properties that are secret by nature (a Key Vault
// secret's value) even when the program forgot to mark them secret.
func (b *secretBook) sealPaths(m map[string]any, paths []string) {
	for _, s := range paths {
		p := mustPath(s)
		v, ok := getPath(m, p)
		if !ok || v == nil || isSecretMarker(v) || containsUnknown(v) {
			continue
		}
		// The path exists, so setting it cannot fail.
		_ = setPath(m, p, b.seal(v))
	}
}
