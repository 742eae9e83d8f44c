#include "workflow/workflow_ticker.h"

#include "core/log.h"

namespace gongshu::workflow {

WorkflowTicker::WorkflowTicker(Workflows& workflows, const Clock& clock, std::chrono::milliseconds period)
    : workflows_(workflows), clock_(clock), period_(period), thread_([this] { Run(); }) {}

WorkflowTicker::~WorkflowTicker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WorkflowTicker::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    auto report = workflows_.Tick(clock_.Now());
    if (!report.ok()) {
      Log().warn("workflow deadlines could not be processed: {}", report.error().message);
    } else if (report->escalated + report->registered + report->expired > 0) {
      Log().info("workflow deadlines: {} escalated, {} registered, {} authorizations expired", report->escalated,
                 report->registered, report->expired);
    }
    lock.lock();
    cv_.wait_for(lock, period_, [this] { return stop_; });
  }
}

}  // namespace gongshu::workflow
