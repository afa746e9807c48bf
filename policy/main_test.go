package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkStartup measures the pack executable's start-up as the engine sees it: from exec
// to the port printed on the first stdout line. It builds the executable once first.
func BenchmarkStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "zerotrust-keyvault-policy")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("building the pack: %v", err)
	}
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "127.0.0.1:1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			b.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil {
			b.Fatal(err)
		}
		if _, err := strconv.Atoi(strings.TrimSpace(line)); err != nil {
			b.Fatalf("first line %q is not a port", line)
		}
		b.StopTimer()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		b.StartTimer()
	}
}
