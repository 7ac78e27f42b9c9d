/*
 * The mcs language, v1 (see DESIGN.md, "The language (v1)").
 *
 * The parser never sees a NEWLINE that continues a line: LineContinuation drops newlines inside
 * ( ) and [ ], after a trailing '|', and before a line that starts with '|'. The facade then
 * splits the tokens into top-level statements and parses each one with singleStatement, so a
 * syntax error in one statement does not hide the errors of the next. 'program' is the whole
 * language in one rule, for reading and for tools.
 */
grammar Mcs;

program         : sep* (statement (sep+ statement)*)? sep* EOF ;
singleStatement : statement EOF ;

statement
    : RECIPE name=IDENT ASSIGN expr          # recipeStatement
    | name=IDENT ASSIGN expr                 # assignStatement
    | FOR name=IDENT IN expr block           # forStatement
    | expr                                   # exprStatement
    ;

block : LBRACE sep* (statement (sep+ statement)*)? sep* RBRACE ;
sep   : NEWLINE | SEMI ;

/*
 * Loosest first: the pipeline, then unary minus, then postfix call / member / index. Chains are
 * loops, not recursion, so only brackets nest the parse (the facade limits their depth).
 */
expr    : unary (PIPE unary)* ;
unary   : MINUS* postfix ;
postfix : primary suffix* ;
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
    | IDENT                                  # identExpr
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK   # listExpr
    | LPAREN expr RPAREN                     # parenExpr
    ;

RECIPE : 'recipe' ;
FOR    : 'for' ;
IN     : 'in' ;

PIPE   : '|' ;
ASSIGN : '=' ;
MINUS  : '-' ;
COMMA  : ',' ;
DOT    : '.' ;
SEMI   : ';' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;

/* 3, 0.8, .5, 1e-5, 2.5E3, and percentages: 80% is 0.8. */
NUMBER : (DIGITS ('.' DIGITS)? | '.' DIGITS) EXPONENT? '%'? ;

/* A trailing '++' makes symbols such as kmeans++ one name; the language has no '+'. */
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
