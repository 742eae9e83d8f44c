#pragma once
// The server's timer for workflow deadlines: calls Workflows::Tick(clock.Now()) every `period`
// on its own thread until destroyed. A deadline therefore fires at the first tick at or after it;
// Tick itself compares with `>=`, so it never fires early.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "workflow/workflows.h"

namespace gongshu::workflow {

class WorkflowTicker {
 public:
  WorkflowTicker(Workflows& workflows, const Clock& clock, std::chrono::milliseconds period);
  ~WorkflowTicker();
  WorkflowTicker(const WorkflowTicker&) = delete;
  WorkflowTicker& operator=(const WorkflowTicker&) = delete;

 private:
  void Run();
  Workflows& workflows_;
  const Clock& clock_;
  std::chrono::milliseconds period_;
  std::mutex mu_;  // guards stop_
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongshu::workflow
