// Registers every portal-kit tag. Each element's define entry is guarded, so loading this twice (or next
// to another copy of portal-kit) warns instead of throwing.
import './elements/portal-provider/define.js';
import './elements/portal-patient-banner/define.js';
import './elements/portal-sign-in/define.js';
import './elements/portal-scheduler/define.js';
import './elements/portal-messages/define.js';
import './elements/portal-results/define.js';
import './elements/vaccine-record/define.js';
