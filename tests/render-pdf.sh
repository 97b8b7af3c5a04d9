# Sourced by make-pdf.sh, make-review-pdf.sh and make-booklet.sh: one way
# to run WeasyPrint.
# render_pdf HTML OUT CSS [NAME]: lays HTML out into OUT with the user
# stylesheet CSS, through OUT.tmp, so that a failure leaves the previous
# OUT as it was; on failure prints "handbook: error: NAME: weasyprint
# failed:" (NAME defaults to OUT) and WeasyPrint's messages, and returns 1.
render_pdf() {
	if weasyprint -q -s "$3" "$1" "$2.tmp" 2>"$2.log"; then
		mv "$2.tmp" "$2"
		rm -f "$2.log"
		return 0
	fi
	echo "handbook: error: ${4:-$2}: weasyprint failed:" >&2
	cat "$2.log" >&2
	rm -f "$2.tmp" "$2.log"
	return 1
}
