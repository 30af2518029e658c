// Command axis turns reporting and datasets about interstate alignments into
// an evidence-backed model of who backs whom, and simulates what happens
// when it is tested. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"axis"
)

// rootCmd is the axis command; every file of this package adds its
// subcommands to it in an init function.
var rootCmd = &cobra.Command{
	Use:   "axis",
	Short: "Evidence-backed model of interstate alignments",
	Long: `axis codes reporting and datasets about interstate alignments into an
evidence graph (who backs whom, with what, and how sure the reporting is),
analyses it and simulates escalation and sanctions.

The store is created on first use at $AXIS_DB or ~/.local/share/axis/axis.db
and loaded with the bundled, source-cited baseline dataset.`,
	SilenceUsage:  true,
	SilenceErrors: true,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := rootCmd.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "axis:", userMessage(err))
		os.Exit(exitCode(err))
	}
}

// userMessage shows domain errors as they are, and other errors in full
// (they are ours, from the command layer, and already say what failed).
func userMessage(err error) string {
	var e *axis.Error
	if errors.As(err, &e) && e.Code == axis.EINTERNAL {
		return err.Error()
	}
	return err.Error()
}

// exitCode is 2 for usage and input errors, 1 for everything else.
func exitCode(err error) int {
	switch axis.ErrorCode(err) {
	case axis.EINVALID, axis.ENOTFOUND:
		return 2
	}
	return 1
}
