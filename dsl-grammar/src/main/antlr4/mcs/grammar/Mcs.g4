/*
 * The mcs language (see the README's language section).
 *
 * The parser never sees a NEWLINE that continues a line: LineContinuation drops newlines inside
 * ( ) and [ ], after a trailing '|', before a line that starts with '|' and before 'else'. The facade then
 * splits the tokens into top-level statements and parses each one with singleStatement, so a
 * syntax error in one statement does not hide the errors of the next. 'program' is the whole
 * language in one rule, for reading and for tools.
 */
grammar Mcs;

program         : sep* (statement (sep statement?)*)? EOF ;
singleStatement : statement EOF ;

statement
    : RECIPE name=IDENT ASSIGN expr          # recipeStatement
    | DEF name=IDENT LPAREN parameters? RPAREN block   # defStatement
    | IF expr block (ELSE IF expr block)* (ELSE block)?  # ifStatement
    | RETURN expr?                           # returnStatement
    | name=IDENT ASSIGN expr                 # assignStatement
    | FOR name=IDENT IN expr block           # forStatement
    | expr                                   # exprStatement
    ;

/*
 * Separators are written so that each one has a single reading: after a statement, a separator
 * and then an optional statement. With 'sep* ... sep*' around an empty body, a run of n
 * separators could be split between the two loops in n ways, and the parser's full-context
 * prediction took time quadratic in n (400 semicolons: 0.7 s).
 */
block : LBRACE sep* (statement (sep statement?)*)? RBRACE ;
sep   : NEWLINE | SEMI ;

parameters : parameter (COMMA parameter)* COMMA? ;
parameter  : name=IDENT (ASSIGN expr)? ;

/*
 * Loosest first: the conditional 'a if c else b', the pipeline, or, and, not, one comparison,
 * + and -, * and /, unary minus, ** (right to left, tighter than a minus on its left: -2 ** 2
 * is -4), then postfix call / member / index. Chains are loops, not recursion, so only
 * brackets nest the parse (the facade limits their depth).
 */
expr        : pipeline (IF pipeline ELSE pipeline)* ;
pipeline    : disjunction (PIPE disjunction)* ;
disjunction : conjunction (OR conjunction)* ;
conjunction : negation (AND negation)* ;
negation    : NOT* comparison ;
comparison  : sum (op=(EQ | NE | LT | LE | GT | GE) sum)? ;
sum         : product (op+=(PLUS | MINUS) product)* ;
product     : unary (op+=(STAR | SLASH) unary)* ;
unary       : MINUS* power ;
power       : postfix (POW MINUS* postfix)* ;
postfix     : primary suffix* ;
suffix
    : LPAREN arguments? RPAREN               # callSuffix
    | DOT name=IDENT                         # memberSuffix
    | LBRACK expr RBRACK                     # indexSuffix
    ;
arguments : argument (COMMA argument)* COMMA? ;
argument
    : name=IDENT ASSIGN expr                 # namedArgument
    | expr                                   # positionalArgument
    ;
primary
    : NUMBER                                 # numberExpr
    | (STRING | UNTERMINATED_STRING)         # stringExpr  // unterminated: see McsSyntax
    | (TRUE | FALSE)                         # boolExpr
    | IDENT                                  # identExpr
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK   # listExpr
    | LBRACE NEWLINE* (field (NEWLINE* COMMA NEWLINE* field)* NEWLINE* COMMA?)? NEWLINE* RBRACE
                                             # recordExpr
    | LPAREN expr RPAREN                     # parenExpr
    ;
/* Line breaks may stand anywhere between the fields of a record literal. */
field : name=IDENT NEWLINE* COLON NEWLINE* expr ;

RECIPE : 'recipe' ;
FOR    : 'for' ;
IN     : 'in' ;
DEF    : 'def' ;
RETURN : 'return' ;
IF     : 'if' ;
ELSE   : 'else' ;
AND    : 'and' ;
OR     : 'or' ;
NOT    : 'not' ;
TRUE   : 'true' ;
FALSE  : 'false' ;

PIPE   : '|' ;
EQ     : '==' ;
NE     : '!=' ;
LE     : '<=' ;
GE     : '>=' ;
LT     : '<' ;
GT     : '>' ;
ASSIGN : '=' ;
PLUS   : '+' ;
MINUS  : '-' ;
POW    : '**' ;
STAR   : '*' ;
SLASH  : '/' ;
COMMA  : ',' ;
DOT    : '.' ;
COLON  : ':' ;
SEMI   : ';' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;

/* 3, 0.8, .5, 1e-5, 2.5E3, and percentages: 80% is 0.8. */
NUMBER : (DIGITS ('.' DIGITS)? | '.' DIGITS) EXPONENT? '%'? ;

/* A trailing '++' makes symbols such as kmeans++ one name: write a + b with spaces. */
IDENT  : [a-zA-Z_] [a-zA-Z_0-9]* ('++')? ;

/* Strings may span lines; any escape lexes, the AST builder rejects unknown ones. */
STRING
    : '"' (ESCAPE | ~["\\])* '"'
    | '\'' (ESCAPE | ~['\\])* '\''
    ;
/* A string still open at the end of the text: the facade reports "incomplete". */
UNTERMINATED_STRING
    : '"' (ESCAPE | ~["\\])* '\\'?
    | '\'' (ESCAPE | ~['\\])* '\\'?
    ;

NEWLINE : '\r'? '\n' | '\r' ;
COMMENT : '#' ~[\r\n]* -> skip ;
SPACE   : [ \t\f]+ -> skip ;

/* Anything else is one bad character, reported by the parser with its position. */
ERROR_CHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment ESCAPE   : '\\' . ;
