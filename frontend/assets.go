package frontend

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

// contentTypes fixes the types of what a build holds, whatever the host's
// mime.types says: with nosniff, a script or style of another type is refused.
var contentTypes = map[string]string{
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".ttf":   "font/ttf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
}

// compressible are the types worth gzipping (fonts other than ttf and
// images are compressed already).
var compressible = map[string]bool{".js": true, ".mjs": true, ".css": true, ".json": true, ".svg": true, ".ttf": true, ".txt": true}

func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serveFile serves name from the build, gzipped when the client takes it.
func (c *Console) serveFile(w http.ResponseWriter, r *http.Request, name, cacheControl string) {
	serveBuildFile(w, r, c.files, &c.gz, name, cacheControl)
}

// serveBuildFile serves name from files, gzipped (once, through gz) when the
// client takes it.
func serveBuildFile(w http.ResponseWriter, r *http.Request, files fs.FS, gz *gzipCache, name, cacheControl string) {
	data, err := fs.ReadFile(files, name)
	if err != nil {
		http.Error(w, "404 not found: no such file in this build; reload the page to get the current one", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", cacheControl)
	if compressible[path.Ext(name)] {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			data = gz.get(name, data)
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// acceptsGzip reports whether the request's Accept-Encoding lists gzip
// (without q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
			if !ok {
				return true
			}
			v, err := strconv.ParseFloat(q, 64)
			return err == nil && v > 0
		}
	}
	return false
}

// gzipCache compresses each file once, on its first request: the build is
// fixed for the life of the binary, and a few megabytes of JavaScript
// compressed per request would cost the server more than keeping them.
type gzipCache struct {
	m sync.Map // name → *gzipEntry
}

type gzipEntry struct {
	once sync.Once
	data []byte
}

func (g *gzipCache) get(name string, plain []byte) []byte {
	v, _ := g.m.LoadOrStore(name, &gzipEntry{})
	e := v.(*gzipEntry)
	e.once.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(plain)
		zw.Close()
		e.data = buf.Bytes()
	})
	return e.data
}
