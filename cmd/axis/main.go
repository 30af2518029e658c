// Command axis turns reporting and datasets about interstate alignments into
// an evidence-backed model of who backs whom, and simulates what happens
// when it is tested. See README.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
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

// userMessage is what a failed command prints: domain errors and ours from
// the command layer already say what failed.
func userMessage(err error) string { return err.Error() }

func init() {
	rootCmd.SetFlagErrorFunc(usageError)
	rootCmd.InitDefaultCompletionCmd()
	for _, c := range rootCmd.Commands() {
		if c.Name() == "completion" {
			c.Example = "  axis completion bash > /etc/bash_completion.d/axis\n  axis completion zsh > \"${fpath[1]}/_axis\"\n  axis completion fish > ~/.config/fish/completions/axis.fish"
		}
	}
	// Subcommands are added by the init functions of other files, so their
	// argument checks are wrapped when a command first runs (before cobra
	// checks its arguments).
	cobra.OnInitialize(func() { wrapArgChecks.Do(func() { explainArgErrors(rootCmd) }) })
}

var wrapArgChecks sync.Once

// explainArgErrors makes a wrong number of arguments an input error (exit
// code 2) that shows the command's usage and an example.
func explainArgErrors(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usageError(cmd, err)
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		explainArgErrors(sub)
	}
}

// usageError turns a flag or argument mistake into an input error with the
// command's usage line and its first example.
func usageError(cmd *cobra.Command, err error) error {
	msg := fmt.Sprintf("%v\nusage: %s", err, cmd.UseLine())
	for _, line := range strings.Split(cmd.Example, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			msg += "\nexample: " + line
			break
		}
	}
	return axis.Errorf(axis.EINVALID, "%s", msg)
}

// exitCode is 2 for usage and input errors, 1 for everything else.
func exitCode(err error) int {
	switch axis.ErrorCode(err) {
	case axis.EINVALID, axis.ENOTFOUND:
		return 2
	}
	return 1
}
