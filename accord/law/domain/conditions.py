"""The trigger language: conditions over a weapon description, stored as text with a rule.

A trigger reads like the law it encodes, so the Secretariat can add a rule without a
release. Grammar (keywords in lower case):

    condition  := term ("or" term)*
    term       := factor ("and" factor)*
    factor     := "not" factor | "(" condition ")" | test
    test       := FIELD "=" VALUE            a choice equals VALUE, a yes/no is true/false
                | FIELD "!=" VALUE           ... differs from VALUE
                | FIELD "in" "(" VALUE ("," VALUE)* ")"   a choice is one of the values
                | FIELD "has" VALUE          a set contains VALUE
                | FIELD "is" "known"         the characteristic was answered
                | FIELD "is" "unknown"       ... was not answered
                | FIELD                      shorthand for FIELD = true (yes/no only)

FIELD is a code of `accord.law.domain.vocabulary`; VALUE is one of its values (or true/false).
Examples:

    weapon_type = anti_personnel_mine and delivery = remotely_delivered
        and (not self_destruction or not self_deactivation)
    laser_function = permanent_blinding
    injury_mechanism has fragmentation and fragments_detectable_by_xray = false

Evaluation uses three-valued logic: a test on an unanswered characteristic is *unknown*,
`and`/`or`/`not` follow Kleene's tables, so a rule is engaged (true), not engaged (false)
or possibly engaged, pending information (None) — the review then asks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from accord.law.domain.vocabulary import BOOL, BY_CODE, CHOICE, SET

_TOKEN = re.compile(r"\s*(?:(?P<op>!=|=|\(|\)|,)|(?P<word>[A-Za-z_][A-Za-z0-9_]*))")
_KEYWORDS = {"and", "or", "not", "has", "in", "is", "known", "unknown"}
# Bounds on what a trigger may be (issue 12, point 4): the longest trigger of the catalogue
# is a few hundred characters; a hostile one must answer "invalid", never exhaust the
# stack or the processor.
MAX_LENGTH = 4000
MAX_TOKENS = 600
MAX_DEPTH = 40


class ConditionError(ValueError):
    """A trigger that does not parse or names something the vocabulary lacks."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Test:
    field: str
    op: str  # "=", "!=", "in", "has", "known", "unknown"
    values: tuple[Any, ...] = ()

    def text(self) -> str:
        if self.op in ("known", "unknown"):
            return f"{self.field} is {self.op}"
        if self.op == "in":
            return f"{self.field} in ({', '.join(map(_fmt, self.values))})"
        return f"{self.field} {self.op} {_fmt(self.values[0])}"


@dataclass(frozen=True)
class Node:
    op: str  # "and", "or", "not"
    children: tuple[Any, ...]


def _fmt(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise ConditionError(
                _("Unexpected character %(char)r at position %(pos)s.")
                % {"char": text[position:].strip()[:1], "pos": position + 1},
                position,
            )
        tokens.append((match.group("op") or match.group("word"), match.start(match.lastindex or 0)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        if len(text) > MAX_LENGTH:
            raise ConditionError(
                _("The condition is too long: at most %(max)s characters.") % {"max": MAX_LENGTH},
                MAX_LENGTH,
            )
        self.tokens = _tokenize(text)
        if len(self.tokens) > MAX_TOKENS:
            raise ConditionError(
                _("The condition is too long: at most %(max)s words and signs.")
                % {"max": MAX_TOKENS},
                self.tokens[MAX_TOKENS][1],
            )
        self.index = 0
        self.text = text
        self.depth = 0

    def deeper(self) -> None:
        """One more level of "not" or parentheses; refused beyond MAX_DEPTH."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(
                _("The condition nests too deeply at position %(pos)s: at most %(max)s levels.")
                % {"pos": self.position() + 1, "max": MAX_DEPTH},
                self.position(),
            )

    def peek(self) -> str | None:
        return self.tokens[self.index][0] if self.index < len(self.tokens) else None

    def position(self) -> int:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else len(self.text)

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            wanted = expected or _("more")
            found = token or _("the end")
            raise ConditionError(
                _("Expected %(wanted)s but found %(found)s at position %(pos)s.")
                % {"wanted": wanted, "found": found, "pos": self.position() + 1},
                self.position(),
            )
        self.index += 1
        return token

    def parse(self) -> Any:
        if not self.tokens:
            raise ConditionError(_("The condition is empty."), 0)
        node = self.condition()
        if self.peek() is not None:
            raise ConditionError(
                _("Unexpected %(found)s at position %(pos)s.")
                % {"found": self.peek(), "pos": self.position() + 1},
                self.position(),
            )
        return node

    def condition(self) -> Any:
        children = [self.term()]
        while self.peek() == "or":
            self.take()
            children.append(self.term())
        return children[0] if len(children) == 1 else Node("or", tuple(children))

    def term(self) -> Any:
        children = [self.factor()]
        while self.peek() == "and":
            self.take()
            children.append(self.factor())
        return children[0] if len(children) == 1 else Node("and", tuple(children))

    def factor(self) -> Any:
        if self.peek() == "not":
            self.deeper()
            self.take()
            node: Any = Node("not", (self.factor(),))
            self.depth -= 1
            return node
        if self.peek() == "(":
            self.deeper()
            self.take()
            node = self.condition()
            self.take(")")
            self.depth -= 1
            return node
        return self.test()

    def test(self) -> Test:
        position = self.position()
        name = self.take()
        characteristic = BY_CODE.get(name)
        if characteristic is None or name in _KEYWORDS:
            raise ConditionError(
                _("Unknown characteristic %(name)r at position %(pos)s.")
                % {"name": name, "pos": position + 1},
                position,
            )
        op = self.peek()
        if op in ("=", "!="):
            self.take()
            if characteristic.kind == SET:
                raise ConditionError(
                    _("%(name)s is a set of values; use has.") % {"name": name}, position
                )
            return Test(name, op, (self.value(characteristic, allow_set=False),))
        if op == "in":
            self.take()
            self.take("(")
            values = [self.value(characteristic, allow_set=False)]
            while self.peek() == ",":
                self.take()
                values.append(self.value(characteristic, allow_set=False))
            self.take(")")
            if characteristic.kind != CHOICE:
                raise ConditionError(
                    _("%(name)s is not a choice; use =.") % {"name": name}, position
                )
            return Test(name, "in", tuple(values))
        if op == "has":
            self.take()
            if characteristic.kind != SET:
                raise ConditionError(
                    _("%(name)s is not a set of values; use = or in.") % {"name": name},
                    position,
                )
            return Test(name, "has", (self.value(characteristic, allow_set=True),))
        if op == "is":
            self.take()
            word = self.take()
            if word not in ("known", "unknown"):
                raise ConditionError(_("Write 'is known' or 'is unknown'."), position)
            return Test(name, word)
        if characteristic.kind != BOOL:
            raise ConditionError(
                _("%(name)s is not a yes/no characteristic; compare it to a value.")
                % {"name": name},
                position,
            )
        return Test(name, "=", (True,))

    def value(self, characteristic: Any, *, allow_set: bool) -> Any:
        position = self.position()
        word = self.take()
        if characteristic.kind == BOOL:
            if word not in ("true", "false"):
                raise ConditionError(
                    _("%(name)s takes true or false, not %(value)r.")
                    % {"name": characteristic.code, "value": word},
                    position,
                )
            return word == "true"
        if word not in characteristic.values:
            raise ConditionError(
                _("%(value)r is not a value of %(name)s (allowed: %(allowed)s).")
                % {
                    "value": word,
                    "name": characteristic.code,
                    "allowed": ", ".join(characteristic.values),
                },
                position,
            )
        return word


def parse(text: str) -> Any:
    """The syntax tree of `text`, or ConditionError saying where and what is wrong."""
    return _Parser(text).parse()


def fields_of(tree: Any) -> set[str]:
    """The characteristics a condition reads."""
    if isinstance(tree, Test):
        return {tree.field}
    return set().union(*(fields_of(child) for child in tree.children))


@dataclass
class Evaluation:
    """The outcome of a condition on a description, with the reasons for it."""

    value: bool | None
    held: list[str] = field(default_factory=list)  # tests that were true
    failed: list[str] = field(default_factory=list)  # tests that were false
    missing: list[str] = field(default_factory=list)  # characteristics not answered


def _test(test: Test, description: dict[str, Any]) -> bool | None:
    answer = description.get(test.field)
    if test.op == "known":
        return answer is not None
    if test.op == "unknown":
        return answer is None
    if answer is None:
        return None
    if test.op == "=":
        return bool(answer == test.values[0])
    if test.op == "!=":
        return bool(answer != test.values[0])
    if test.op == "in":
        return answer in test.values
    return test.values[0] in answer  # "has"


def evaluate(tree: Any, description: dict[str, Any]) -> Evaluation:
    """Evaluate with Kleene's three-valued logic, collecting the reasons."""
    result = Evaluation(None)

    def walk(node: Any) -> bool | None:
        if isinstance(node, Test):
            value = _test(node, description)
            if value is None:
                if node.field not in result.missing:
                    result.missing.append(node.field)
            else:
                (result.held if value else result.failed).append(node.text())
            return value
        values = [walk(child) for child in node.children]
        if node.op == "not":
            return None if values[0] is None else not values[0]
        if node.op == "and":
            if any(v is False for v in values):
                return False
            return None if any(v is None for v in values) else True
        if any(v is True for v in values):
            return True
        return None if any(v is None for v in values) else False

    result.value = walk(tree)
    return result


def _negated(text: str) -> str:
    return text[4:] if text.startswith("not ") else f"not {text}"


def decisive(tree: Any, description: dict[str, Any], value: bool) -> list[str]:
    """The tests that settle `tree` at `value` on `description`: for a condition that came
    out false, the tests that failed (a held test under a "not" shows as "not …"). Unlike
    `Evaluation.failed`, a false test in a branch that did not decide the outcome is left
    out, so a reviewer reads the test that actually failed."""

    def settle(node: Any, want: bool) -> list[str]:
        if isinstance(node, Test):
            return [node.text()] if _test(node, description) is want else []
        if node.op == "not":
            return [_negated(t) for t in settle(node.children[0], not want)]
        values = [evaluate(child, description).value for child in node.children]
        # A false "and" / a true "or" is settled by the children that have that value;
        # a true "and" / a false "or" needs every child.
        deciding = (node.op == "and") is (not want)
        out: list[str] = []
        for child, child_value in zip(node.children, values, strict=True):
            if deciding and child_value is not want:
                continue
            out.extend(settle(child, want))
        return list(dict.fromkeys(out))

    return settle(tree, value)
