/**
 * Knowledge distillation: the teacher/student loss and training a student through the train
 * package's extra-loss hook. Uses the model, data and train packages.
 */
package mcs.runtime.distill;
