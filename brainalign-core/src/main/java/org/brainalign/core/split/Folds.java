package org.brainalign.core.split;

/** Turns a test mask into a {@link Split} with ascending indices, as scikit-learn's k-fold family does. */
final class Folds {
    private Folds() {}

    static Split fromMask(boolean[] isTest) {
        int nTest = 0;
        for (boolean b : isTest) {
            if (b) {
                nTest++;
            }
        }
        int[] test = new int[nTest];
        int[] train = new int[isTest.length - nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < isTest.length; i++) {
            if (isTest[i]) {
                test[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Split(train, test);
    }
}
