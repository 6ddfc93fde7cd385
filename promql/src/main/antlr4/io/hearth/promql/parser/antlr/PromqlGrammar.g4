// PromQL as Prometheus 3.x parses it. Tokens come from the hand-written PromqlLexer in
// io.hearth.promql.parser: PromQL's lexer is modal (inside braces every word is a label name,
// inside brackets only durations are read) and its error texts are part of the API.
// Operator precedence, lowest last: postfix modifiers, ^ (right), unary +/-, * / % atan2, + -,
// comparisons, and/unless, or. Only the shape is checked here; AstBuilder and TypeChecker
// apply Prometheus's semantic rules and messages.
parser grammar PromqlGrammar;

tokens {
  ERROR, EQL, COLON, COMMA, DURATION, IDENTIFIER, METRIC_IDENTIFIER, NUMBER, STRING,
  LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN,
  ADD, SUB, MUL, DIV, MOD, POW, ATAN2, EQLC, NEQ, LTE, LSS, GTE, GTR, TRIM_UPPER, TRIM_LOWER,
  EQL_REGEX, NEQ_REGEX, LAND, LOR, LUNLESS, AT,
  AVG, BOTTOMK, COUNT, COUNT_VALUES, GROUP, MAX, MIN, QUANTILE, STDDEV, STDVAR, SUM, TOPK,
  LIMITK, LIMIT_RATIO,
  BOOL, BY, GROUP_LEFT, GROUP_RIGHT, FILL, FILL_LEFT, FILL_RIGHT, IGNORING, OFFSET, SMOOTHED,
  ANCHORED, ON, WITHOUT,
  START, END, STEP, RANGE, MAX_OF, MIN_OF
}

query
  : expr EOF
  ;

selector
  : vectorSelector EOF
  ;

expr
  : expr LEFT_BRACKET range=durationExpr RIGHT_BRACKET                                   # matrixExpr
  | expr LEFT_BRACKET range=durationExpr COLON step=durationExpr? RIGHT_BRACKET           # subqueryExpr
  | expr OFFSET offsetValue                                                               # offsetExpr
  | expr AT atValue                                                                       # atExpr
  | expr modifier=(ANCHORED | SMOOTHED)                                                   # extendedRangeExpr
  | <assoc=right> expr op=POW binModifiers expr                                           # binaryExpr
  | sign=(ADD | SUB) expr                                                                 # unaryExpr
  | expr op=(MUL | DIV | MOD | ATAN2) binModifiers expr                                   # binaryExpr
  | expr op=(ADD | SUB) binModifiers expr                                                 # binaryExpr
  | expr op=(EQLC | NEQ | LTE | LSS | GTE | GTR | TRIM_UPPER | TRIM_LOWER) binModifiers expr # binaryExpr
  | expr op=(LAND | LUNLESS) binModifiers expr                                            # binaryExpr
  | expr op=LOR binModifiers expr                                                         # binaryExpr
  | aggregation                                                                           # aggregateExpr
  | functionCall                                                                          # callExpr
  | LEFT_PAREN expr RIGHT_PAREN                                                           # parenExpr
  | vectorSelector                                                                        # selectorExpr
  | number=(NUMBER | DURATION)                                                            # numberExpr
  | STRING                                                                                # stringExpr
  ;

// bool, on/ignoring and group_left/group_right; fill modifiers are parsed only to be refused.
binModifiers
  : BOOL? (matchKind=(ON | IGNORING) on=groupingLabels groupModifier?)? fillModifier*
  ;

// As in Prometheus's LALR grammar, a "(" right after group_x always opens its label list.
groupModifier
  : side=(GROUP_LEFT | GROUP_RIGHT) groupingLabels
  | side=(GROUP_LEFT | GROUP_RIGHT) {_input.LA(1) != LEFT_PAREN}?
  ;

fillModifier
  : (FILL | FILL_LEFT | FILL_RIGHT) LEFT_PAREN (ADD | SUB)? (NUMBER | DURATION) RIGHT_PAREN
  ;

aggregation
  : aggregateOp aggregateModifier callBody
  | aggregateOp callBody aggregateModifier?
  ;

aggregateOp
  : AVG | BOTTOMK | COUNT | COUNT_VALUES | GROUP | MAX | MIN | QUANTILE | STDDEV | STDVAR | SUM
  | TOPK | LIMITK | LIMIT_RATIO
  ;

aggregateModifier
  : kind=(BY | WITHOUT) groupingLabels
  ;

groupingLabels
  : LEFT_PAREN (groupingLabel (COMMA groupingLabel)* COMMA?)? RIGHT_PAREN
  ;

groupingLabel
  : maybeLabel
  | STRING
  ;

functionCall
  : name=(IDENTIFIER | START | END | STEP | RANGE | MAX_OF | MIN_OF) callBody
  ;

callBody
  : LEFT_PAREN (expr (COMMA expr)* trailing=COMMA?)? RIGHT_PAREN
  ;

offsetValue
  : sign=(ADD | SUB)? value=(NUMBER | DURATION)
  | durationExpr
  ;

atValue
  : sign=(ADD | SUB)? value=(NUMBER | DURATION)
  | which=(START | END) LEFT_PAREN RIGHT_PAREN
  ;

// Inside brackets: a plain duration or number, or the arithmetic that Prometheus keeps behind
// its duration-expression feature flag (accepted here only to be refused with its message).
durationExpr
  : <assoc=right> durationExpr POW durationExpr                              # durationBinary
  | sign=(ADD | SUB) durationExpr                                            # durationUnary
  | durationExpr (MUL | DIV | MOD) durationExpr                              # durationBinary
  | durationExpr (ADD | SUB) durationExpr                                    # durationBinary
  | value=(NUMBER | DURATION)                                                # durationLiteral
  | (STEP | RANGE) LEFT_PAREN RIGHT_PAREN                                    # durationFunction
  | (MAX_OF | MIN_OF) LEFT_PAREN durationExpr COMMA durationExpr RIGHT_PAREN # durationFunction
  | LEFT_PAREN durationExpr RIGHT_PAREN                                      # durationParen
  ;

vectorSelector
  : metricIdentifier labelMatchers?
  | labelMatchers
  ;

labelMatchers
  : LEFT_BRACE (labelMatcher (COMMA labelMatcher)* COMMA?)? RIGHT_BRACE
  ;

labelMatcher
  : label=(IDENTIFIER | STRING) matchOp value=STRING
  | name=STRING
  ;

matchOp
  : EQL | NEQ | EQL_REGEX | NEQ_REGEX
  ;

metricIdentifier
  : AVG | BOTTOMK | BY | COUNT | COUNT_VALUES | FILL | FILL_LEFT | FILL_RIGHT | GROUP | IDENTIFIER
  | LAND | LOR | LUNLESS | MAX | METRIC_IDENTIFIER | MIN | OFFSET | QUANTILE | STDDEV | STDVAR
  | SUM | TOPK | WITHOUT | START | END | LIMITK | LIMIT_RATIO | STEP | RANGE | ANCHORED | SMOOTHED
  | MAX_OF | MIN_OF
  ;

// Keywords that may still name a label in grouping lists.
maybeLabel
  : AVG | BOOL | BOTTOMK | BY | COUNT | COUNT_VALUES | GROUP | GROUP_LEFT | GROUP_RIGHT | FILL
  | FILL_LEFT | FILL_RIGHT | IDENTIFIER | IGNORING | LAND | LOR | LUNLESS | MAX | METRIC_IDENTIFIER
  | MIN | OFFSET | ON | QUANTILE | STDDEV | STDVAR | SUM | TOPK | START | END | ATAN2 | LIMITK
  | LIMIT_RATIO | STEP | RANGE | ANCHORED | SMOOTHED | MAX_OF | MIN_OF
  ;
