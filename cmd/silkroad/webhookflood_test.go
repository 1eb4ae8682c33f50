package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// TestWebhookFloodMemory posts 2,000 authenticated updates of 1 MB each
// at once to the webhook of the real binary. Its resident memory must
// stay under 100 MB (the bodies are read only by requests holding a
// worker slot; past 1,024 waiting, requests get 503 unread), and it
// must still answer afterwards.
func TestWebhookFloodMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary, and sends it 2 GB")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	srv := telegramtest.New(t, replicaToken)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	addr := freeAddr(t)
	logs := []*lockedBuffer{{}}
	env := webhookEnv(srv, addr, filepath.Join(tmp, "data"))
	// The first start builds the index into DATA_DIR, which takes memory
	// of its own; the second opens it, as a deployed bot does.
	first := startReplica(t, bin, tmp, logs[0], env...)
	waitHealthy(ctx, t, addr, logs[0])
	stopReplicas(t, []*exec.Cmd{first}, logs)
	cmds := []*exec.Cmd{startReplica(t, bin, tmp, logs[0], env...)}
	defer stopReplicas(t, cmds, logs)
	waitHealthy(ctx, t, addr, logs[0])
	pid := cmds[0].Process.Pid
	// Count the peak from here: 5 resets the high-water mark (VmHWM).
	if err := os.WriteFile("/proc/"+strconv.Itoa(pid)+"/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("cannot reset the bot's peak memory: %v", err)
	}

	const requests, size = 2000, 1 << 20
	pad := strings.Repeat("x", size-512)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 120 * time.Second}
	statuses := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range requests {
		wg.Go(func() {
			user := 90000 + i
			body := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":1,"date":0,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"A"},"text":"hi"},"pad":"%s"}`,
				1000+i, user, user, pad)
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/hook", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", replicaSecret)
			status := 0 // the connection closed before an answer: a 503 sent before the body was read
			if resp, err := client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				status = resp.StatusCode
			}
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	hwm, err := procStatus(pid, "VmHWM")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("peak resident memory under the flood: %.1f MB; answers by status: %v", hwm, statuses)
	if hwm >= 100 {
		t.Errorf("the bot's resident memory peaked at %.1f MB under 2,000 requests of 1 MB, want under 100 MB", hwm)
	}
	if statuses[http.StatusOK] == 0 {
		t.Error("no update of the flood was taken")
	}

	// Still answering.
	tg := &webhookPoster{ctx: ctx, t: t, url: "http://" + addr + "/hook", secret: replicaSecret, srv: srv}
	tg.deliver(telegramtest.TextMessage(95000, 95000, "What is Khorgos?"))
	if _, err := srv.WaitFor(ctx, "sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == 95000 }); err != nil {
		t.Errorf("no answer after the flood: %v", err)
	}
}

// procStatus reads a field given in kB from /proc/<pid>/status, in MB.
func procStatus(pid int, field string) (float64, error) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("%s not found in /proc/%d/status", field, pid)
}
