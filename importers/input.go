package importers

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"axis"
)

// Input is one stream of rows: a file, or one member of a zip archive.
type Input struct {
	Name string // what evidence and errors call it: the file or member name
	Path string // the file on disk (the archive for a member)
	Size int64  // bytes the stream yields (uncompressed for a member)
	zip  string // member name inside Path, "" for a plain file
}

// Open opens the stream. A zip member is decompressed as it is read;
// nothing is loaded whole.
func (in *Input) Open() (io.ReadCloser, error) {
	if in.zip == "" {
		f, err := os.Open(in.Path)
		if err != nil {
			return nil, axis.Errorf(axis.EINVALID, "cannot open %s: %v", in.Path, unwrapPath(err))
		}
		return f, nil
	}
	zr, err := zip.OpenReader(in.Path)
	if err != nil {
		return nil, zipError(in.Path, err)
	}
	for _, f := range zr.File {
		if f.Name == in.zip {
			rc, err := f.Open()
			if err != nil {
				zr.Close()
				return nil, zipError(in.Path, err)
			}
			return &zipMember{rc, zr, in.Path}, nil
		}
	}
	zr.Close()
	return nil, axis.Errorf(axis.ENOTFOUND, "%s: no member %s", in.Path, in.zip)
}

type zipMember struct {
	io.ReadCloser
	zr   *zip.ReadCloser
	path string
}

func (m *zipMember) Read(p []byte) (int, error) {
	n, err := m.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = zipError(m.path, err)
	}
	return n, err
}

func (m *zipMember) Close() error {
	m.ReadCloser.Close()
	return m.zr.Close()
}

func zipError(path string, err error) error {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
		return axis.Errorf(axis.EINVALID, "%s: truncated or corrupt zip archive (%v); download it again", path, err)
	case errors.Is(err, zip.ErrChecksum):
		return axis.Errorf(axis.EINVALID, "%s: zip checksum mismatch: the archive is corrupt; download it again", path)
	case errors.Is(err, zip.ErrAlgorithm):
		return axis.Errorf(axis.EINVALID, "%s: zip uses an unsupported compression method", path)
	}
	return axis.Errorf(axis.EINVALID, "%s: cannot read zip archive: %v", path, err)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// DataExts are the file name endings Inputs takes from folders.
var DataExts = []string{".csv", ".tsv", ".txt", ".zip"}

// Inputs expands paths into inputs: a file is one input, a folder gives its
// data files (by DataExts, sorted by name, recursively), a .zip gives each of
// its data members. A truncated archive fails here, naming it.
func Inputs(paths []string) ([]Input, error) {
	if len(paths) == 0 {
		return nil, axis.Errorf(axis.EINVALID, "no input files given")
	}
	var out []Input
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, axis.Errorf(axis.EINVALID, "cannot read %s: %v", p, unwrapPath(err))
		}
		if !st.IsDir() {
			ins, err := fileInputs(p, st.Size())
			if err != nil {
				return nil, err
			}
			out = append(out, ins...)
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && hasDataExt(path) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, axis.Errorf(axis.EINVALID, "cannot read folder %s: %v", p, unwrapPath(err))
		}
		if len(files) == 0 {
			return nil, axis.Errorf(axis.EINVALID, "folder %s has no data files (%s)", p, strings.Join(DataExts, ", "))
		}
		sort.Strings(files)
		for _, f := range files {
			st, err := os.Stat(f)
			if err != nil {
				return nil, axis.Errorf(axis.EINVALID, "cannot read %s: %v", f, unwrapPath(err))
			}
			ins, err := fileInputs(f, st.Size())
			if err != nil {
				return nil, err
			}
			out = append(out, ins...)
		}
	}
	return out, nil
}

func hasDataExt(path string) bool {
	low := strings.ToLower(path)
	for _, e := range DataExts {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

func fileInputs(path string, size int64) ([]Input, error) {
	if !strings.HasSuffix(strings.ToLower(path), ".zip") {
		return []Input{{Name: filepath.Base(path), Path: path, Size: size}}, nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, zipError(path, err)
	}
	defer zr.Close()
	var out []Input
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || strings.HasPrefix(filepath.Base(f.Name), ".") || strings.HasPrefix(f.Name, "__MACOSX") {
			continue
		}
		name := f.Name
		if len(zr.File) > 1 || !strings.EqualFold(filepath.Base(f.Name)+".zip", filepath.Base(path)) {
			name = filepath.Base(path) + "/" + f.Name
		} else {
			name = filepath.Base(f.Name)
		}
		out = append(out, Input{Name: name, Path: path, Size: int64(f.UncompressedSize64), zip: f.Name})
	}
	if len(out) == 0 {
		return nil, axis.Errorf(axis.EINVALID, "%s: the zip archive holds no data file", path)
	}
	return out, nil
}

// TotalSize sums the sizes of the inputs, for a progress bar.
func TotalSize(ins []Input) int64 {
	var n int64
	for _, in := range ins {
		n += in.Size
	}
	return n
}

// Describe names the format a header belongs to, or "" when unknown, so an
// error can say "this looks like a COW by-dyad file".
func Describe(header []string) string {
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	switch {
	case has["globaleventid"] || has["sqldate"]:
		return "a GDELT event export (axis import gdelt)"
	case has["atopid"] && has["member"]:
		return "an ATOP member-level file (axis import atop)"
	case has["atopid"] && has["begyr"]:
		return "the ATOP alliance-level file (atop5_1a.csv), which names no members; give axis import atop the member-level file atop5_1m.csv or the dyad-year file atop5_1dy.csv from the same zip"
	case has["statea"] && has["stateb"] || has["mem1"] && has["mem2"] && has["atopally"]:
		return "an ATOP dyad-year file (axis import atop)"
	case has["atopid1"] && has["year"]:
		return "the ATOP state-year file (atop5_1sy.csv), which names no partners; give axis import atop the member-level file atop5_1m.csv or the dyad-year file atop5_1dy.csv"
	case has["version4id"] && has["ccode1"]:
		return "a COW alliance by-dyad file (axis import cow)"
	case has["version4id"] && has["ccode"]:
		return "a COW alliance by-member file (axis import cow)"
	case has["recipient"] && has["supplier"] || has["sipri at database id"] || has["seller"] && has["buyer"] && has["deal id"]:
		return "a SIPRI trade register (axis import sipri)"
	case has["relations"] || has["actors:"] || has["sources:"]:
		return "an axis facts file (axis import facts)"
	}
	return ""
}

// WrongFormat is the error for a file whose header belongs to another
// format or none.
func WrongFormat(file string, line int64, want string, header []string) error {
	what := Describe(header)
	joined := strings.Join(header, ",")
	switch {
	case what != "":
		return axis.Errorf(axis.EINVALID, "%s:%d: this is not %s: its header looks like %s", file, line, want, what)
	case len(header) == 1 && (strings.Contains(joined, ";") || strings.Contains(joined, "\t")):
		return axis.Errorf(axis.EINVALID, "%s:%d: wrong delimiter: %s is comma-separated, this line is split by %s", file, line, want, delimName(joined))
	}
	return axis.Errorf(axis.EINVALID, "%s:%d: not %s: no header with its columns found (first line: %.80q)", file, line, want, joined)
}

func delimName(s string) string {
	if strings.Contains(s, "\t") {
		return "tabs"
	}
	return "semicolons"
}

// Errorf prefixes an error with the file it concerns.
func Errorf(file string, err error) error {
	return fmt.Errorf("%s: %w", file, err)
}
