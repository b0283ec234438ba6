/// Runs `body` for every element, at most `limit` at a time, and returns the results in input order.
func concurrentMap<Element: Sendable, Result: Sendable>(_ elements: [Element], limit: Int,
                                                        _ body: @escaping @Sendable (Element) async -> Result) async -> [Result] {
    guard !elements.isEmpty else { return [] }
    return await withTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: elements.count)
        var next = 0
        for _ in 0..<min(max(1, limit), elements.count) {
            let index = next, element = elements[index]
            group.addTask { (index, await body(element)) }
            next += 1
        }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < elements.count {
                let index = next, element = elements[index]
                group.addTask { (index, await body(element)) }
                next += 1
            }
        }
        return results.map { $0! }
    }
}
