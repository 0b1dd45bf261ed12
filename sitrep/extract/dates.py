"""Stage: dates. Absolute dates ("12 June 2024", "June 12, 2024", "on May 30", "June 2024",
"in 2022"), weekdays ("on Wednesday": the last such day up to the anchor), and relative expressions
from sitrep/data/lexicons/dates.tsv ("yesterday", "last month", "next week"), resolved against the
anchor (the live-blog entry's time, else the document's publication time), with a precision.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, tsv_matcher, word_set
from sitrep.extract.text import Token
from sitrep.extract.wordcache import WordCache

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
MONTHS.pop("may", None)  # "may" is a modal verb far more often than a month in lower case ...
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SATURDAY = WEEKDAYS["saturday"]  # "over the weekend": its first day, as ranges are coded
_DAY_UNITS = frozenset(("day", "weekend"))  # relative units that name a day, never a vague time
DATE_START = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"may"}
# Words before a bare year that make it a date: "in 2022", "in early 2022", "the summer of 2022".
YEAR_OPENERS = word_set("lexicons/date_cues.tsv", "year_opener")
NOT_EVENT_DATE = word_set("lexicons/date_cues.tsv", "not_event_date")  # "since March", "until Friday"
POSSESSIVE = word_set("lexicons/date_cues.tsv", "possessive")  # "from Sunday's shelling": the shelling's day
DAY_PARTS = word_set("lexicons/date_cues.tsv", "day_part")  # "from Saturday night's raid"
ORDINAL_SUFFIXES = word_set("lexicons/date_cues.tsv", "ordinal_suffix")  # "25th February"
_MONTH_OPENERS = word_set("lexicons/date_cues.tsv", "month_opener")  # "in March", "last May"


@dataclass(frozen=True, slots=True)
class DateRef:
    start: int
    end: int
    value: date
    precision: str  # day | month | year
    future: bool = False
    weekday: int | None = None  # set for weekday names, so a planned event can look forward
    vague: bool = False  # "next week", "next month": no date for a planned event
    year_back: bool = False  # "September 26" read as last year's: a planned event means the coming one


@cache
def relative_matcher() -> PhraseMatcher:
    return tsv_matcher(
        "lexicons/dates.tsv",
        "phrase",
        lambda r: (r["unit"], int(r["offset"]), r["precision"], r["future"] == "1"),
    )


def _month(toks: list[Token], lows: list[str], i: int) -> int | None:
    low = lows[i]
    if low == "may":
        return 5 if toks[i].text[0] == "M" else None  # ... so "May" counts only capitalised
    return MONTHS.get(low)


def _int(s: str) -> int | None:
    """A date part in ASCII digits. Other digits ("²" passes isdigit) and runs longer than any date
    part are none: int() refuses both (the second past 4,300 digits)."""
    return int(s) if s.isascii() and s.isdigit() and len(s) <= 9 else None


def _shift_month(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _numeric_date(lows: list[str], i: int, ref: date | None) -> DateRef | None:
    """ "16/09", "16/09/2024", "03/14/2025": day first, as in most of the world's reports, unless only
    month-first makes a date. Without a year the second part must have two digits ("24/7" is no date)."""
    a, b = int(lows[i]), int(lows[i + 2])
    if len(lows[i]) > 2 or len(lows[i + 2]) > 2:
        return None
    end, year = i + 3, None
    if i + 4 < len(lows) and lows[i + 3] == "/" and _int(lows[i + 4]) and len(lows[i + 4]) in (2, 4):
        year = int(lows[i + 4])
        year += 2000 if year < 100 else 0
        end = i + 5
    elif len(lows[i + 2]) != 2 or ref is None:
        return None
    day, month = (a, b) if b <= 12 else (b, a)
    return _day_ref(i, end, year, month, day, ref)


def _day_ref(
    start: int, end: int, year: int | None, month: int, day: int, ref: date | None
) -> DateRef | None:
    """A day-precision date; without a year, the anchor's year, or last year's when that day is still
    ahead of the anchor (a report does not tell of future days as past)."""
    y = year or (ref.year if ref else None)
    if not y:
        return None
    d = _safe(y, month, day)
    back = bool(d and not year and ref and d > ref + timedelta(days=2))
    if back:
        d = _safe(y - 1, month, day)
    return DateRef(start, end, d, "day", year_back=back) if d else None


RULE_RANGE_START = "date.range_start"  # "22-23 March", "between 3 and 4 March": the first day, as ACLED codes
# "/" joins the two days of a night ("on the night of 27/28 April": the 27th, as a night range is coded).
RANGE_JOINS = frozenset(("-", "\u2013", "/", "and", "to"))
RANGE_OPENERS = word_set("lexicons/date_cues.tsv", "range_opener")  # "between 3 and 4", "of 2 to 3 March"


def _range_start(lows: list[str], i: int) -> int:
    """Where a day range ending in the day at token i starts ("22-23 March": the 22), else i."""
    if i >= 2 and lows[i - 1] in RANGE_JOINS and _int(lows[i - 2]) and int(lows[i - 2]) < int(lows[i]):
        if lows[i - 1] not in ("and", "to") or (i >= 3 and lows[i - 3] in RANGE_OPENERS):
            return i - 2
    return i


RULE_TIME_OF_NAMED_DAY = "date.time_of_named_day"  # "early morning on Monday" is Monday's, not today's
DAY_GAP = 2  # tokens between a time of day and the day it belongs to ("early morning on Monday")


def _day_range(toks: list[Token], lows: list[str], i: int) -> bool:
    """ "27/28 April": two days of one month (a night), not a numeric day/month date."""
    return i + 3 < len(lows) and _month(toks, lows, i + 3) is not None


def _beside_a_day(found: list[DateRef], s: int, e: int) -> bool:
    """A weekday or a date of the month stands right before or after the span s..e."""
    return any(
        d.precision == "day" and (0 <= s - d.end <= DAY_GAP or 0 <= d.start - e <= DAY_GAP) for d in found
    )


def is_possessive(lows: list[str], ref: DateRef) -> bool:
    """ "Sunday's shelling", "Saturday night's raid": the date names the day of what follows."""
    after = lows[ref.end : ref.end + 2]
    if after[:1] and after[0] in DAY_PARTS:
        after = after[1:]
    return bool(after) and after[0] in POSSESSIVE


def _month_after_day(lows: list[str], i: int) -> int:
    """Where the month name after the day number at i would stand: right after it, or after an ordinal
    suffix ("25th February", the tokenizer splits "25" "th") and an "of" ("the 3rd of March")."""
    k = i + 1
    if k < len(lows) and lows[k] in ORDINAL_SUFFIXES:
        k += 1
        if k < len(lows) and lows[k] == "of":
            k += 1
    return k


def _period_edge(lows: list[str], got: DateRef) -> bool:
    """ "since March", "until (on) Friday": the edge of a period, no event date; but a date with a
    possessive names the day of what follows ("the toll from Sunday's shelling", "Saturday night's raid")."""
    if is_possessive(lows, got):
        return False
    return (got.start > 0 and lows[got.start - 1] in NOT_EVENT_DATE) or (
        got.start > 1 and lows[got.start - 2] in NOT_EVENT_DATE and lows[got.start - 1] == "on"
    )


_DATE_WORD = WordCache(lambda w: w in DATE_START or w[:1].isdigit())  # where a date may start


def find_dates(toks: list[Token], lows: list[str], anchor: datetime | None) -> list[DateRef]:
    """Date expressions of a sentence, resolved; those after since/until are left out."""
    out: list[DateRef] = []
    ref = anchor.date() if anchor else None
    n = len(lows)
    skip_until = 0
    may_start = _DATE_WORD
    starts = [k for k, w in enumerate(lows) if may_start[w]]
    for i in starts:
        if i < skip_until:
            continue
        low = lows[i]
        got: DateRef | None = None
        month = _month(toks, lows, i)
        if month:
            # "June 12, 2024" / "June 12" / "June 2024" / "June"
            day = _int(lows[i + 1]) if i + 1 < n else None
            if day and day <= 31:
                j = i + 2
                if j < n and lows[j] == ",":
                    j += 1
                year = _int(lows[j]) if j < n and len(lows[j]) == 4 else None
                got = _day_ref(i, j + 1 if year else i + 2, year, month, day, ref)
            elif i + 1 < n and len(lows[i + 1]) == 4 and _int(lows[i + 1]):
                got = DateRef(i, i + 2, date(int(lows[i + 1]), month, 1), "month")
            elif ref and i > 0 and lows[i - 1] in _MONTH_OPENERS:
                y = ref.year if month <= ref.month else ref.year - 1
                got = DateRef(i, i + 1, date(y, month, 1), "month")
        elif _int(low) and int(low) <= 31 and (m := _month_after_day(lows, i)) < n and _month(toks, lows, m):
            # "12 June 2024" / "12 June" / "25th February" / "3rd of March"
            month = _month(toks, lows, m)
            year = _int(lows[m + 1]) if m + 1 < n and len(lows[m + 1]) == 4 else None
            if month:
                first = _range_start(lows, i)
                got = _day_ref(first, m + (2 if year else 1), year, month, int(lows[first]), ref)
        elif (
            i + 2 < n
            and lows[i + 1] == "/"
            and _int(low)
            and _int(lows[i + 2])
            and not _day_range(toks, lows, i)
        ):
            got = _numeric_date(lows, i, ref)
        elif low in WEEKDAYS and ref:
            back = (ref.weekday() - WEEKDAYS[low]) % 7
            future = i > 0 and lows[i - 1] == "next"
            d = ref - timedelta(days=back) if not future else ref + timedelta(days=(7 - back) % 7 or 7)
            got = DateRef(i, i + 1, d, "day", future, WEEKDAYS[low])
        elif len(low) == 4 and _int(low) and 1900 < int(low) < 2100 and i > 0 and lows[i - 1] in YEAR_OPENERS:
            got = DateRef(i, i + 1, date(int(low), 1, 1), "year")
        if got:
            skip_until = got.end
            if not _period_edge(lows, got):
                out.append(got)
    if ref:
        for s, e, (unit, offset, precision, future) in relative_matcher().find(lows):
            if (s > 0 and lows[s - 1] in NOT_EVENT_DATE) or (
                s > 1 and lows[s - 2] in NOT_EVENT_DATE and lows[s - 1] in MONTHS
            ):
                continue  # "since last week", "since August last year": a period's start
            weekday = None
            if unit == "day":
                d = ref + timedelta(days=offset)
            elif unit == "weekend":
                d, weekday = ref - timedelta(days=(ref.weekday() - SATURDAY) % 7), SATURDAY
            elif unit == "week":
                d = ref + timedelta(days=7 * offset) if offset else ref
            elif unit == "month":
                d = _shift_month(ref, offset)
            else:
                d = date(ref.year + offset, 1, 1)
            if unit == "day" and not offset and _beside_a_day(out, s, e):
                continue  # "in the early morning on Monday": the time of that day, not today
            out.append(DateRef(s, e, d, precision, future, weekday, vague=future and unit not in _DAY_UNITS))
    out.sort(key=lambda r: r.start)
    return out


def forward(ref: DateRef, anchor: date) -> date:
    """A weekday read as the next such day (for planned events): "will meet on Thursday"; a day of
    the month read as the coming one ("will meet on September 26")."""
    if ref.year_back:
        return _safe(ref.value.year + 1, ref.value.month, ref.value.day) or ref.value
    if ref.weekday is None:
        return ref.value
    return anchor + timedelta(days=(ref.weekday - anchor.weekday()) % 7 or 7)
