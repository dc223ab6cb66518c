import Foundation

/// How busy the rest of the machine was during a measurement: the CPU time all
/// processes used (/proc/stat, including time stolen by the hypervisor) minus
/// what this process and its waited-for children used, over the wall time.
/// On a machine without /proc/stat the reading is nil.
struct OtherLoad {
    private let start: Double
    private let machineCPU: Double?
    private let ownCPU: Double

    init() {
        start = Clock.now()
        machineCPU = OtherLoad.machineBusySeconds()
        ownCPU = Clock.cpuSelf() + Clock.cpuChildren()
    }

    /// The average number of cores other processes kept busy since `init`.
    func cores() -> Double? {
        guard let before = machineCPU, let after = OtherLoad.machineBusySeconds() else { return nil }
        let wall = Clock.now() - start
        guard wall > 0 else { return nil }
        let own = Clock.cpuSelf() + Clock.cpuChildren() - ownCPU
        return max(0, (after - before - own) / wall)
    }

    /// Busy CPU seconds of the whole machine since boot: user, nice, system,
    /// irq, softirq and steal from the first line of /proc/stat.
    static func machineBusySeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let f = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard f.count >= 8 else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticks > 0 else { return nil }
        return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / ticks
    }
}
