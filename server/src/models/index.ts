// Importing every model registers it with mongoose, so ensureIndexes() sees all of them.
import "./registration";
import "./course";
import "./member";
import "./launch";
import "./loginState";
import "./claim";
import "./gradeRecord";
