-- Validity checks for identifiers in public data, used by the ingest quality profile in one
-- aggregate pass over a new version's table. They mirror src/ingest/identifier_checks.cpp (the unit
-- tests hold both to the same vectors). Arguments are VARCHAR. The result for NULL is NULL or
-- false, so callers test `s IS NOT NULL` first.

-- 居民身份证号码, GB 11643-1999: 17 digits + check character (ISO 7064 MOD 11-2, 'X' = 10),
-- a real birth date (YYYYMMDD, 1800–2199) and a non-zero first digit.
CREATE OR REPLACE MACRO gs_is_resident_id(s) AS
  regexp_full_match(s, '[1-9][0-9]{16}[0-9X]')
  AND substr(s, 7, 4) BETWEEN '1800' AND '2199'
  AND try_cast(substr(s, 7, 4) || '-' || substr(s, 11, 2) || '-' || substr(s, 13, 2) AS DATE) IS NOT NULL
  AND substr('10X98765432', 1 + ((ascii(substr(s, 1, 1)) - 48) * 7 + (ascii(substr(s, 2, 1)) - 48) * 9 + (ascii(substr(s, 3, 1)) - 48) * 10 + (ascii(substr(s, 4, 1)) - 48) * 5 + (ascii(substr(s, 5, 1)) - 48) * 8 + (ascii(substr(s, 6, 1)) - 48) * 4 + (ascii(substr(s, 7, 1)) - 48) * 2 + (ascii(substr(s, 8, 1)) - 48) * 1 + (ascii(substr(s, 9, 1)) - 48) * 6 + (ascii(substr(s, 10, 1)) - 48) * 3 + (ascii(substr(s, 11, 1)) - 48) * 7 + (ascii(substr(s, 12, 1)) - 48) * 9 + (ascii(substr(s, 13, 1)) - 48) * 10 + (ascii(substr(s, 14, 1)) - 48) * 5 + (ascii(substr(s, 15, 1)) - 48) * 8 + (ascii(substr(s, 16, 1)) - 48) * 4 + (ascii(substr(s, 17, 1)) - 48) * 2) % 11, 1) = substr(s, 18, 1);

-- 手机号码: 11 digits, 1[3-9]….
CREATE OR REPLACE MACRO gs_is_mobile(s) AS regexp_full_match(s, '1[3-9][0-9]{9}');

-- 统一社会信用代码, GB 32100-2015: alphabet without I O S V Z, division code in positions 3–8,
-- check character MOD 31 with weights 3^i mod 31.
CREATE OR REPLACE MACRO gs_uscc_char_value(c) AS strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', c) - 1;
CREATE OR REPLACE MACRO gs_is_uscc(s) AS
  regexp_full_match(s, '[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}')
  AND substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
             1 + (31 - (gs_uscc_char_value(substr(s, 1, 1)) * 1 + gs_uscc_char_value(substr(s, 2, 1)) * 3 + gs_uscc_char_value(substr(s, 3, 1)) * 9 + gs_uscc_char_value(substr(s, 4, 1)) * 27 + gs_uscc_char_value(substr(s, 5, 1)) * 19 + gs_uscc_char_value(substr(s, 6, 1)) * 26 + gs_uscc_char_value(substr(s, 7, 1)) * 16 + gs_uscc_char_value(substr(s, 8, 1)) * 17 + gs_uscc_char_value(substr(s, 9, 1)) * 20 + gs_uscc_char_value(substr(s, 10, 1)) * 29 + gs_uscc_char_value(substr(s, 11, 1)) * 25 + gs_uscc_char_value(substr(s, 12, 1)) * 13 + gs_uscc_char_value(substr(s, 13, 1)) * 8 + gs_uscc_char_value(substr(s, 14, 1)) * 24 + gs_uscc_char_value(substr(s, 15, 1)) * 10 + gs_uscc_char_value(substr(s, 16, 1)) * 30 + gs_uscc_char_value(substr(s, 17, 1)) * 28) % 31) % 31, 1) = substr(s, 18, 1);

-- 行政区划代码, GB/T 2260 (6 digits) or the 12-digit statistical code, starting with a province
-- (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), or 100000 for the whole country. One
-- regular expression: it runs on every row of large tables.
CREATE OR REPLACE MACRO gs_is_division_code(s) AS
  regexp_full_match(s, '(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])([0-9]{4}|[0-9]{10})|100000');
