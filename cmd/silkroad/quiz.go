package main

import "io"

// runQuiz prints the quiz question bank.
func runQuiz(args []string, stdout io.Writer) error {
	return usageError{"quiz: the question bank is not built yet"}
}
