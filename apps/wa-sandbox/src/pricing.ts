import type { Pricing } from './status-emitter';
import type { StoredTemplate } from './templates';

/**
 * PMP pricing for a send: free-form messages are free service messages (they can only go out inside the
 * window); utility templates are free inside an open window; every other template is a regular charge.
 */
export function pricingFor(template: StoredTemplate | undefined, windowOpen: boolean): Pricing {
  if (!template)
    return { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' };
  const category = template.category.toLowerCase();
  if (windowOpen && template.category === 'UTILITY') {
    return { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category };
  }
  return { billable: true, pricing_model: 'PMP', type: 'regular', category };
}
