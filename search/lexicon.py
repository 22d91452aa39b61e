"""Dutch word knowledge for search: base forms of plurals and diminutives that the
Snowball stemmer leaves alone, and compound splitting.

Both rest on one maintained Dutch word list with frequencies: the ``nl`` list of the
`wordfreq <https://pypi.org/project/wordfreq/>`_ package (shipped inside the package,
nothing is downloaded at run time). A rule only fires when the word it produces is a
known Dutch word, and for plural/diminutive forms only when that base form is more
common than the inflected one, so *bureaus* → *bureau* but *huis* stays *huis* (not
*hui*), *meisje* stays *meisje*.

Every function takes a folded, lower-case word (see ``analysis.words``) and is cached.
The same splitter feeds the Elasticsearch index settings (the parts it finds become the
``dictionary_decompounder`` word list), so all engines split the same way.
"""

import math
import threading
import unicodedata
from functools import lru_cache

# A part of a compound must be at least this common (Zipf scale: 3 ≈ once per million
# words) and this long, so that rare or foreign fragments ("chap", "mijning") are not
# taken for Dutch words.
PART_MIN_ZIPF = 3.0
PART_MIN_LENGTH = 4
# Three-letter first parts are allowed only when very common (wit-wassen, bos-brand).
SHORT_PART_MIN_ZIPF = 4.5
COMPOUND_MIN_LENGTH = 7
# Prefixes that look like words but make derivations, not compounds (ver-huurder).
NOT_A_PART = frozenset(
    """ver ont her mis aan achter bij door mee na om onder op over tegen toe uit voor
    weg samen terug""".split()  # noqa: SIM905
)
# Endings that are words too but here make an inflection or derivation (jong-eren,
# vrij-heid), not a compound.
NOT_A_TAIL = frozenset(
    """eren ende enden ster sters ling lingen heid heden baar bare loos loze achtig
    achtige isch ische erij erijen ietje tjes nis nissen schap schappen lijk lijke
    lijken""".split()  # noqa: SIM905
)
# The closed class of Dutch plurals in -eren (kind → kinderen); a rule over every word
# ending in -eren would turn "jongeren" into "jong".
EREN_PLURALS = {
    "kinderen": "kind",
    "eieren": "ei",
    "liederen": "lied",
    "bladeren": "blad",
    "beenderen": "been",
    "goederen": "goed",
    "hoenderen": "hoen",
    "kalveren": "kalf",
    "lammeren": "lam",
    "raderen": "rad",
    "runderen": "rund",
    "volkeren": "volk",
    "gelederen": "gelid",
    "gemoederen": "gemoed",
    "kleren": "kleed",
}
VOWELS = frozenset("aeiouy")

_lock = threading.Lock()
_frequencies = None


def _fold(word):
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def frequencies():
    """{folded word: Zipf frequency} of Dutch, loaded once per process (~0.5 s)."""
    global _frequencies
    if _frequencies is None:
        with _lock:
            if _frequencies is None:
                from wordfreq import get_frequency_dict

                table = {}
                # Most common first, so a folded form keeps its most common spelling.
                words = get_frequency_dict("nl", wordlist="large")
                for word, frequency in words.items():
                    if not word.isalpha():
                        continue
                    folded = word if word.isascii() else _fold(word)
                    if folded.isascii() and folded not in table:
                        table[folded] = round(math.log10(frequency) + 9, 2)
                _frequencies = table
    return _frequencies


def zipf(word):
    """How common ``word`` is in Dutch (0 when unknown)."""
    return frequencies().get(word, 0.0)


def _more_common(base, word):
    frequency = zipf(base)
    return frequency > 0 and frequency >= zipf(word)


def _undouble(stem):
    """autoo → auto, ball → bal: the spelling change a diminutive makes."""
    if len(stem) > 2 and stem[-1] == stem[-2]:
        return stem[:-1]
    return stem


@lru_cache(maxsize=100_000)
def base_form(word):
    """The singular, non-diminutive form of a plural or diminutive that the Snowball
    stemmer does not reduce, else ``word`` itself.

    - -eren plurals (closed class): kinderen → kind;
    - diminutives -je/-tje/-pje/-etje/-kje and their plural -jes: huisje → huis,
      boompje → boom, mannetje → man, autootje → auto, woninkje → woning;
    - -en plurals the stemmer keeps apart from the singular: stallen → stal,
      scholen → school; Latin plurals: laboratoria → laboratorium;
    - -s after a vowel: bureaus → bureau, cafes → cafe (*-'s* is split off by the
      tokenizer: studio's → studio).
    """
    if word in EREN_PLURALS:
        return EREN_PLURALS[word]
    if len(word) < 4:
        return word
    if word.endswith("jes") and len(word) > 5:
        word_singular = word[:-1]
        base = base_form(word_singular)
        return base if base != word_singular else word
    if word.endswith("je") and len(word) > 4:
        # In this order: pakketje is pakket (not pak), wijkje is wijk (not wij),
        # mannetje is man.
        candidates = [word[:-2]]
        if word.endswith("etje"):
            candidates.append(_undouble(word[:-4]))
        if word.endswith("nkje"):
            candidates.append(word[:-3] + "g")
        if word.endswith(("tje", "pje", "kje")):
            candidates.append(_undouble(word[:-3]))
        for candidate in candidates:
            if len(candidate) >= 2 and _more_common(candidate, word):
                return candidate
        return word
    if word.endswith("en") and len(word) > 5:
        stem = word[:-2]
        # stallen → stal: a short vowel doubles the consonant before -en.
        if stem[-1] == stem[-2] and stem[-1] not in VOWELS:
            if _more_common(stem[:-1], word):
                return stem[:-1]
        # scholen → school, straten → straat: a long vowel is written single in
        # an open syllable.
        elif stem[-1] not in VOWELS and stem[-2] in VOWELS and stem[-3] not in VOWELS:
            longer = stem[:-1] + stem[-2] + stem[-1]
            if _more_common(longer, word):
                return longer
    if word.endswith("a") and len(word) > 5:
        # Latin plurals: laboratoria → laboratorium, centra → centrum.
        singular = word[:-1] + "um"
        if _more_common(singular, word):
            return singular
    if word[-1] == "s" and word[-2] in VOWELS:
        base = word[:-1]
        # Loanwords' plurals can be about as common as the singular (studios).
        if zipf(base) >= PART_MIN_ZIPF and zipf(base) >= zipf(word) - 0.5:
            return base
    return word


def _is_part(word):
    if word in NOT_A_PART or len(word) < 3:
        return False
    frequency = zipf(word)
    if len(word) < PART_MIN_LENGTH:
        return frequency >= SHORT_PART_MIN_ZIPF
    return frequency >= PART_MIN_ZIPF


def _head_forms(head):
    """The known word a first part stands for, allowing the linking -s- of
    arbeid-s-markt and the -e-/-en- that are already part of the spelling."""
    if _is_part(head):
        return head
    if head.endswith("s") and _is_part(head[:-1]):
        return head[:-1]
    return None


@lru_cache(maxsize=200_000)
def split_compound(word):
    """The parts of a Dutch compound, or ``()`` when ``word`` is not one.

    ``drugsoverlast`` → ``("drugs", "overlast")``, ``jeugdgroepen`` → ``("jeugd",
    "groepen")``, ``vastgoedtransacties`` → ``("vastgoed", "transacties")``. Every part
    is a known word (Zipf ≥ 3, at least 4 letters unless very common); the last part
    may be a compound itself. Of several splits the one with the fewest parts wins,
    then the one with the most common parts (highest geometric mean frequency, as
    Koehn and Knight 2003), and only when the word itself is rarer than its parts.
    """
    if len(word) < COMPOUND_MIN_LENGTH or not word.isalpha():
        return ()
    best, best_score = (), None
    for position in range(3, len(word) - 2):
        head = _head_forms(word[:position])
        if head is None:
            continue
        tail = word[position:]
        if tail in NOT_A_TAIL or len(tail) < PART_MIN_LENGTH:
            continue
        if _is_part(tail):
            parts = (head, tail)
        else:
            rest = split_compound(tail)
            if not rest:
                continue
            parts = (head, *rest)
        # Fewest parts first, then the highest mean Zipf value (the log of the
        # parts' geometric mean frequency).
        score = (-len(parts), sum(zipf(part) for part in parts) / len(parts))
        if best_score is None or score > best_score:
            best, best_score = parts, score
    # A word more common than its parts is a word of its own, not a compound
    # (persoon is not per + soon; bijeenkomst is not bijeen + komst).
    if best and zipf(word) > best_score[1]:
        return ()
    return best


@lru_cache(maxsize=1)
def decompound_word_list():
    """The words the splitter accepts as parts (Zipf ≥ ``PART_MIN_ZIPF``, at least
    ``PART_MIN_LENGTH`` letters, no prefix or suffix), sorted: the word list of the
    Elasticsearch ``dictionary_decompounder``, so that engine splits with the same
    list."""
    return tuple(
        sorted(
            word
            for word, frequency in frequencies().items()
            if frequency >= PART_MIN_ZIPF
            and len(word) >= PART_MIN_LENGTH
            and word not in NOT_A_PART
            and word not in NOT_A_TAIL
        )
    )
