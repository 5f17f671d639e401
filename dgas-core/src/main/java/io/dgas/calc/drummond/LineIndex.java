package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Drummond lines ordered by (projected price, line id): an array-backed treap whose node index is the line id, so it
 * allocates only when its capacity doubles. Ties on price keep line order, as a stable sort of the line list would.
 * Insert, remove, floor and neighbour look-ups are O(log n) expected; {@link #inOrder} is O(n).
 */
final class LineIndex {
    private double[] price = new double[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private int[] stack = new int[64];
    private int root = -1;
    private int count;

    int count() {
        return count;
    }

    double price(int id) {
        return price[id];
    }

    /** Live price array indexed by line id. */
    double[] prices() {
        return price;
    }

    private void ensure(int id) {
        if (id < price.length) {
            return;
        }
        int n = Math.max(id + 1, price.length * 2);
        price = Arrays.copyOf(price, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        stack = Arrays.copyOf(stack, n);
    }

    private static int priority(int id) {
        int x = id * 0x9E3779B9;
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        return x ^ (x >>> 13);
    }

    private boolean less(int a, int b) {
        return price[a] < price[b] || (price[a] == price[b] && a < b);
    }

    void insert(int id, double p) {
        ensure(id);
        price[id] = p;
        left[id] = -1;
        right[id] = -1;
        root = insert(root, id);
        count++;
    }

    private int insert(int node, int id) {
        if (node < 0) {
            return id;
        }
        if (less(id, node)) {
            left[node] = insert(left[node], id);
            if (priority(left[node]) > priority(node)) {
                return rotateRight(node);
            }
        } else {
            right[node] = insert(right[node], id);
            if (priority(right[node]) > priority(node)) {
                return rotateLeft(node);
            }
        }
        return node;
    }

    private int rotateRight(int node) {
        int l = left[node];
        left[node] = right[l];
        right[l] = node;
        return l;
    }

    private int rotateLeft(int node) {
        int r = right[node];
        right[node] = left[r];
        left[r] = node;
        return r;
    }

    void remove(int id) {
        root = remove(root, id);
        count--;
    }

    private int remove(int node, int id) {
        if (node < 0) {
            throw new IllegalStateException("line " + id + " is not indexed");
        }
        if (node == id) {
            if (left[node] < 0) {
                return right[node];
            }
            if (right[node] < 0) {
                return left[node];
            }
            int top;
            if (priority(left[node]) > priority(right[node])) {
                top = rotateRight(node);
                right[top] = remove(right[top], id);
            } else {
                top = rotateLeft(node);
                left[top] = remove(left[top], id);
            }
            return top;
        }
        if (less(id, node)) {
            left[node] = remove(left[node], id);
        } else {
            right[node] = remove(right[node], id);
        }
        return node;
    }

    /** The last line with price ≤ p, or -1. */
    int floor(double p) {
        int node = root;
        int found = -1;
        while (node >= 0) {
            if (price[node] <= p) {
                found = node;
                node = right[node];
            } else {
                node = left[node];
            }
        }
        return found;
    }

    int first() {
        int node = root;
        if (node < 0) {
            return -1;
        }
        while (left[node] >= 0) {
            node = left[node];
        }
        return node;
    }

    /** The line after {@code id} in order, or -1. */
    int next(int id) {
        int node = root;
        int found = -1;
        while (node >= 0) {
            if (less(id, node)) {
                found = node;
                node = left[node];
            } else {
                node = right[node];
            }
        }
        return found;
    }

    /** The line before {@code id} in order, or -1. */
    int prev(int id) {
        int node = root;
        int found = -1;
        while (node >= 0) {
            if (less(node, id)) {
                found = node;
                node = right[node];
            } else {
                node = left[node];
            }
        }
        return found;
    }

    /** Writes line ids in order into {@code out} (length ≥ count) and returns count. */
    int inOrder(int[] out) {
        int n = 0;
        int sp = 0;
        int node = root;
        while (node >= 0 || sp > 0) {
            while (node >= 0) {
                stack[sp++] = node;
                node = left[node];
            }
            node = stack[--sp];
            out[n++] = node;
            node = right[node];
        }
        return n;
    }
}
