package socialdesk.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, as spreadsheets write it: fields separated by commas, optionally in double quotes;
 * inside quotes a doubled quote is a quote and commas and line breaks are text. A byte-order mark is
 * skipped; lines end in LF, CRLF or CR; blank lines are skipped. Each record keeps the line it
 * starts on, so a problem can be reported where the user sees it in an editor.
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
            if (quoted) {
                problem = "a quoted field is never closed (it runs to the end of the file)";
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
