#!/usr/bin/env bash
# The cost budget of docs/format.md ("Limits"): builds the example site with one hostile input at a
# time and prints the wall time and peak memory of `rankpress build` for each. Every line should
# stay under 10 s and 1 GB on a 2-core machine. Needs python3 (to write the inputs) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
# RANKPRESS=/path/to/rankpress measures another build of it.
binary="${RANKPRESS:-}"
if [ -z "$binary" ]; then
  cargo build --release --locked --quiet
  binary="$PWD/target/release/rankpress"
fi
work="$(mktemp -d "${HOSTILE_TMP:-$PWD/target}/hostile.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Helpers the cases share: spreadsheets written by hand (zip + XML), the 2025 edition's
# results moved out of its YAML so that a spreadsheet or CSV can take their place.
cat > "$work/gen.py" <<'PY'
import io, zipfile, glob, re

def results_elsewhere(year='2025'):
    y = 'data/editions/%s.yaml' % year
    t = open(y).read()
    open(y, 'w').write(t.split('results:')[0])

def xlsx(path, sheet_rows, shared=None, merges='', compress=zipfile.ZIP_DEFLATED):
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
          'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          '<sheet name="Results" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(path, 'w', compress) as z:
        z.writestr('[Content_Types].xml', ct)
        z.writestr('_rels/.rels', rels)
        z.writestr('xl/workbook.xml', wb)
        z.writestr('xl/_rels/workbook.xml.rels', wbrels)
        if shared is not None:
            z.writestr('xl/sharedStrings.xml', shared)
        with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for chunk in sheet_rows:
                f.write(chunk.encode() if isinstance(chunk, str) else chunk)
            f.write(('</sheetData>%s</worksheet>' % merges).encode())

HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>company</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>responses</t></is></c></row>')

def ods(path, body):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
        z.writestr('content.xml', '<?xml version="1.0"?><office:document-content %s><office:body>'
                   '<office:spreadsheet><table:table table:name="Results">%s</table:table>'
                   '</office:spreadsheet></office:body></office:document-content>' % (ns, body))

def companies():
    return re.findall(r'(?m)^- id: (\S+)', open('data/companies.yaml').read())

def respondents(rows, make):
    header = open('data/editions/2026/customer.csv').readline()
    with open('data/editions/2026/customer.csv', 'w') as f:
        f.write(header)
        block = []
        for i in range(rows):
            block.append(make(i))
            if len(block) == 100000:
                f.write(''.join(block)); block = []
        f.write(''.join(block))
PY

# case name, then a python snippet that changes the site copy in the current folder.
run() {
  local name="$1" script="$2"
  # HOSTILE_ONLY=pattern runs the cases whose name holds the pattern.
  [[ -z "${HOSTILE_ONLY:-}" || "$name" == *"$HOSTILE_ONLY"* ]] || return 0
  rm -rf "$work/site"
  mkdir -p "$work/site"
  cp -r data content themes "$work/site/"
  (cd "$work/site" && PYTHONPATH="$work" python3 -c "from gen import *
$script")
  local result
  result=$( { /usr/bin/time -f "%e %M" "$binary" build --root "$work/site" --out "$work/out" --force >/dev/null 2>"$work/stderr"; } 2>&1 | tail -1 ) || true
  result=$(tail -1 "$work/stderr")
  local status="built"
  grep -q "^error" "$work/stderr" && status="$(grep -c '^error' "$work/stderr") error(s) shown"
  printf '%-42s %8s s %8.0f MB   %s\n' "$name" "$(echo "$result" | cut -d' ' -f1)" \
    "$(echo "$result" | awk '{print $2/1024}')" "$status"
}

printf '%-42s %10s %11s   %s\n' "input" "wall" "peak" "outcome"
run "CSV header, 100,000 unknown columns" "
import glob,os
y=sorted(glob.glob('data/editions/*.yaml'))[-1]
t=open(y).read(); head=t.split('results:')[0]; open(y,'w').write(head)
open(y[:-5]+'.csv','w').write('company,'+','.join('x%d'%i for i in range(100000))+'\n')"
run "5,000 duplicate ids on one YAML line" "
sector=open('data/sectors.yaml').read().split('id: ')[1].split()[0]
open('data/companies.yaml','w').write('[' + ', '.join(['{id: dup, name: D, sector: %s}' % sector]*5000) + ']\n')"
run "YAML nested 100,000 levels" "
open('data/site.yaml','a').write('extra: ' + '['*100000 + ']'*100000 + '\n')"
run "a million aliases in the data" "
t=open('data/companies.yaml').read().replace('- id:','- &c\n  id:',1)
open('data/companies.yaml','w').write(t + '- *c\n'*1000000)"
run "40,000 company links in one text" "
import glob
c=open('data/companies.yaml').read().split('id: ')[1].split()[0].strip(',}')
open('content/_index.md','a').write('\n' + ('[[company:%s]] ' % c)*40000 + '\n')"
run "8,000 chart embeds in one text" "
import glob
y=sorted(glob.glob('data/editions/*.yaml'))[-1].split('/')[-1][:4]
open('content/_index.md','a').write('\n' + ('{{ chart sectors %s }}\n\n' % y)*8000)"
run "30,000 identical headings" "
open('content/_index.md','a').write('\n' + '## Results\n\n'*30000)"
run "a 16,000-character site title" "
import re
t=open('data/site.yaml').read()
t=re.sub(r'(?m)^title:.*$', 'title: ' + 'x'*16000, t)
open('data/site.yaml','w').write(t)"
run "a 4,999-character site title (allowed)" "
import re
t=open('data/site.yaml').read()
t=re.sub(r'(?m)^title:.*$', 'title: ' + 'x '*2499 + 'x', t)
open('data/site.yaml','w').write(t)"

# Spreadsheets (issue 33, item 16): the 2025 edition's results as a hostile .xlsx or .ods.
run "xlsx: one cell at XFD1048576 (5 KB)" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER, '<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>'])"
run "xlsx: one cell at row 1,048,576, column 100" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER, '<row r=\"1048576\"><c r=\"CV1048576\"><v>1</v></c></row>'])"
run "xlsx: a merged range F1:XFD1048576" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER], merges='<mergeCells count=\"1\"><mergeCell ref=\"F1:XFD1048576\"/></mergeCells>')"
run "xlsx: uniqueCount=4000000000" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER], shared='<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"4000000000\"><si><t>x</t></si></sst>')"
run "xlsx: 20,000,000 empty shared strings" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER], shared='<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">' + '<si><t/></si>'*20000000 + '</sst>')"
run "ods: 30 filled cells repeated 1,000,000 rows" "
results_elsewhere(); ods('data/editions/2025.ods', '<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"30\"/></table:table-row>')"
run "xlsx: zip bomb, one cell of 400 MB" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER, '<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>', b'a'*(400*1024*1024), '</t></is></c></row>'])"
run "xlsx: one cell of 200 MB (under the unpacked limit)" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER, '<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>', b'a'*(200*1024*1024), '</t></is></c></row>'])"

# Respondent files (item 17): data/editions/2026/customer.csv.
run "respondents: 10 M rows of one respondent id" "
c=companies()[0]; respondents(10000000, lambda i: 'R1,%s,5,5,5,5,5\\n' % c)"
run "respondents: 10 M unknown-company rows" "
respondents(10000000, lambda i: 'R%d,nobody-%d,5,5,5,5,5\\n' % (i, i))"
run "respondents: 10 M non-numeric scores" "
c=companies()[0]; respondents(10000000, lambda i: 'R%d,%s,x,5,5,5,5\\n' % (i, c))"
run "respondents: header of 100,000 unknown columns" "
open('data/editions/2026/customer.csv','w').write('respondent,company,' + ','.join('x%d'%i for i in range(100000)) + '\\n')"
run "respondents: header of 1,000,000 unknown columns" "
open('data/editions/2026/customer.csv','w').write('respondent,company,' + ','.join('x%d'%i for i in range(1000000)) + '\\n')"
run "respondents: 600 MB header without a line end" "
f=open('data/editions/2026/customer.csv','w'); f.write('respondent,company,')
[f.write('y'*(1024*1024)) for _ in range(600)]"
run "respondents: one cell of 100 MB" "
c=companies()[0]; t=open('data/editions/2026/customer.csv').read()
open('data/editions/2026/customer.csv','a').write('R9,%s,' % c + '7'*(100*1024*1024) + ',5,5,5,5\\n')"
run "respondents: valid file of 256 MB (the limit)" "
c=companies(); respondents(10300000, lambda i: 'R%08d,%s,%d,%d,%d,%d,%d\\n' % (i, c[i % len(c)], 1+i%5, 1+i%7%5, 1+i%3, 1+i%4, 1+i%5))"

# Error floods (item 18).
run "CSV of 63 MB, 3.5 M unknown-company rows" "
results_elsewhere()
with open('data/editions/2025.csv','w') as f:
    f.write('company,responses\\n')
    [f.write(''.join('u%07d,50\\n' % (i*100000+j) for j in range(100000))) for i in range(35)]"
run "YAML edition of 63 MB, 552,631 unknown-company rows" "
results_elsewhere()
with open('data/editions/2025.yaml','a') as f:
    f.write('results:\\n')
    f.write(''.join('  - company: unknown-company-%07d\\n    responses: 50\\n    scores: {responsiveness: 3, reliability: 3, friendliness: 3}\\n' % i for i in range(552631)))"
run "YAML edition of 24 MB (the limit), unknown companies" "
results_elsewhere()
with open('data/editions/2025.yaml','a') as f:
    f.write('results:\\n')
    f.write(''.join('  - company: unknown-company-%07d\\n    responses: 50\\n    scores: {responsiveness: 3, reliability: 3, friendliness: 3}\\n' % i for i in range(209000)))"


# The same kinds of input at the limits (the originals above are now refused by size).
run "respondents at the limit: 8.5 M rows of one id" "
c=companies()[0]; respondents(8500000, lambda i: 'R1,%s,5,5,5,5,5\\n' % c)"
run "respondents at the limit: 7 M unknown companies" "
respondents(7000000, lambda i: 'R%d,nobody-%d,5,5,5,5,5\\n' % (i, i))"
run "respondents at the limit: 7 M non-numeric scores" "
c=companies()[0]; respondents(7000000, lambda i: 'R%d,%s,x,5,5,5,5\\n' % (i, c))"
run "respondents at the limit: valid, 5.5 M rows" "
c=companies(); respondents(5500000, lambda i: 'R%08d,%s,%d,%d,%d,%d,%d\\n' % (i, c[i % len(c)], 1+i%5, 1+i%7%5, 1+i%3, 1+i%4, 1+i%5))"
run "respondents at the limit: 250 MB header, no line end" "
f=open('data/editions/2026/customer.csv','w'); f.write('respondent,company,')
[f.write('y'*(1024*1024)) for _ in range(250)]"
run "xlsx at the limit: one cell of 150 MB" "
results_elsewhere(); xlsx('data/editions/2025.xlsx', [HEADER, '<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>', b'a'*(150*1024*1024), '</t></is></c></row>'])"
run "a 20 MB company id" "
t=open('data/companies.yaml').read()
open('data/companies.yaml','w').write(t.replace('- id: ', '- id: ' + 'x'*(20*1024*1024) + '-', 1))"

# Strings, messages and names (items 19 to 21).
run "i18n: {best} x 20,000, two 5,000-char sectors" "
import os
os.makedirs('i18n', exist_ok=True)
open('i18n/en.yaml','w').write('lead_winner: \"' + '{best} '*20000 + '\"\\n')
t=open('data/sectors.yaml').read()
names=re.findall(r'(?m)^  name: (.*)$', t)
for n in names[:2]: t=t.replace('  name: '+n, '  name: ' + 'S'*4999, 1)
open('data/sectors.yaml','w').write(t)"
run "a 30 MB company id" "
t=open('data/companies.yaml').read()
open('data/companies.yaml','w').write(t.replace('- id: ', '- id: ' + 'x'*(30*1024*1024) + '-', 1))"
run "a 4,990-character CJK company name" "
t=open('data/companies.yaml').read()
open('data/companies.yaml','w').write(re.sub(r'(?m)^  name: .*$', '  name: ' + '東京海上日動火災保険'*499, t, count=1))"
run "a company name of 1,600 ZWJ emoji (4,800 chars)" "
t=open('data/companies.yaml').read()
open('data/companies.yaml','w').write(re.sub(r'(?m)^  name: .*$', '  name: \"' + '👩\u200d💻'*1600 + '\"', t, count=1))"
run "six 4,990-character CJK company names" "
t=open('data/companies.yaml').read()
open('data/companies.yaml','w').write(re.sub(r'(?m)^  name: .*$', '  name: ' + '東京海上日動火災保険'*499, t, count=6))"

# Templates (item 22).
run "a template nesting loops over large ranges" "
import os
os.makedirs('templates', exist_ok=True)
open('templates/404.html','w').write('{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}')"
