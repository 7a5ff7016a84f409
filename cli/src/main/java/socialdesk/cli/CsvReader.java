package socialdesk.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, as spreadsheets write it: fields separated by commas, optionally in double quotes;
 * inside quotes a doubled quote is a quote and commas and line breaks are text. A byte-order mark is
 * skipped; lines end in LF, CRLF or CR; blank lines are skipped. Each record keeps the line it
 * starts on, so a problem can be reported where the user sees it in an editor.
 *
 * <p>A quote left open is the common mistake, and a strict reader would take every line after it
 * into one field. So a quoted field that runs past its line and then does not parse cleanly (it
 * never closes, or text follows its closing quote) is taken as unclosed: its record ends with its
 * line, carries the problem, and reading goes on with the next line, which is not lost.
 */
final class CsvReader {
    /** One record: the 1-based line it starts on, its fields, and a problem with its quoting (null when none). */
    record Record(int line, List<String> fields, String problem) {
        Record {
            fields = List.copyOf(fields);
        }
    }

    private CsvReader() {
    }

    static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        int line = 1;
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String problem = null;
            boolean quoted = false;
            boolean wasQuoted = false;
            boolean endOfRecord = false;
            int quoteAt = -1;
            int quoteLine = 0;
            int quoteFieldCount = 0;
            int spanningQuoteAt = -1;
            int spanningQuoteLine = 0;
            int spanningFieldCount = 0;
            while (i < n && !endOfRecord) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i++;
                        }
                        continue;
                    }
                    if (c == '\r' || c == '\n') {
                        if (spanningQuoteAt < 0) {
                            spanningQuoteAt = quoteAt;
                            spanningQuoteLine = quoteLine;
                            spanningFieldCount = quoteFieldCount;
                        }
                        line++;
                        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                        field.append('\n');
                        continue;
                    }
                    field.append(c);
                    i++;
                    continue;
                }
                switch (c) {
                    case ',' -> {
                        fields.add(field.toString());
                        field.setLength(0);
                        wasQuoted = false;
                        i++;
                    }
                    case '\r', '\n' -> {
                        line++;
                        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                        endOfRecord = true;
                    }
                    case '"' -> {
                        if (field.toString().isBlank() && !wasQuoted) {
                            field.setLength(0);
                            quoted = true;
                            wasQuoted = true;
                            quoteAt = i;
                            quoteLine = line;
                            quoteFieldCount = fields.size();
                        } else if (problem == null) {
                            problem = "a quote inside an unquoted field (quote the whole field and double the quote: \"\")";
                            field.append(c);
                        }
                        i++;
                    }
                    default -> {
                        if (wasQuoted && !Character.isWhitespace(c) && problem == null) {
                            problem = "text after a closing quote (double a quote inside a quoted field: \"\")";
                        }
                        if (!(wasQuoted && Character.isWhitespace(c))) {
                            field.append(c);
                        }
                        i++;
                    }
                }
            }
            if (spanningQuoteAt >= 0 && (quoted || problem != null)) {
                int lineEnd = spanningQuoteAt;
                while (text.charAt(lineEnd) != '\r' && text.charAt(lineEnd) != '\n') {
                    lineEnd++;
                }
                fields.subList(spanningFieldCount, fields.size()).clear();
                field.setLength(0);
                field.append(text, spanningQuoteAt + 1, lineEnd);
                problem = "a quoted field is not closed on line " + spanningQuoteLine
                        + " (close it with \", or double a quote inside a quoted field: \"\")";
                line = spanningQuoteLine + 1;
                i = lineEnd + (text.charAt(lineEnd) == '\r' && lineEnd + 1 < n && text.charAt(lineEnd + 1) == '\n' ? 2 : 1);
                wasQuoted = true;
            } else if (quoted) {
                problem = "a quoted field is never closed (close it with \")";
            }
            fields.add(field.toString());
            boolean blank = fields.size() == 1 && fields.get(0).isBlank() && !wasQuoted;
            if (!blank) {
                records.add(new Record(start, fields, problem));
            }
        }
        return records;
    }
}
